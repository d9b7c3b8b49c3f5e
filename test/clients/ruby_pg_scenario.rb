# ruby-pg scenario against cratelite: ruby ruby_pg_scenario.rb PGPORT
# Prints one JSON line per step and `OK` (exit 0) or `FAILED n` (exit 1).
#
# ruby-pg's BasicTypeRegistry (behind BasicTypeMapForResults/ForQueries) loads its coders with
# `pg_type JOIN pg_proc ON pg_proc.oid = pg_type.typinput`; CrateDB's pg_proc has rows for the
# types' receive functions only, so the join is empty there (and here): BasicTypeMapForQueries
# raises UndefinedEncoder and BasicTypeMapForResults decodes nothing. The scenario checks that
# and then builds the same kind of type maps from ruby-pg's coder classes by OID and by class.
require 'json'
require 'pg'
require 'time'

PORT = (ARGV[0] || '5432').to_i
T = 'clients_ruby_pg'
$failures = 0

def emit(step, ok, extra = {})
  puts JSON.generate({ client: 'ruby-pg', step: step, ok: ok }.merge(extra))
  $stdout.flush
  $failures += 1 unless ok
end

def eq(step, actual, expected)
  ok = actual == expected
  emit(step, ok, ok ? {} : { actual: actual.inspect, expected: expected.inspect })
end

def step(name)
  yield
rescue StandardError => e
  emit(name, false, error: "#{e.class}: #{e.message}")
end

conn = PG.connect(host: '127.0.0.1', port: PORT, user: 'crate', dbname: 'doc', connect_timeout: 10)

step('basic type registry') do
  PG::BasicTypeMapForQueries.new(conn)
  emit('BasicTypeMapForQueries: no coders (pg_proc lacks typinput rows, as in CrateDB)', false,
       error: 'no exception: the registry works now, use it in this scenario')
rescue PG::BasicTypeMapForQueries::UndefinedEncoder => e
  emit('BasicTypeMapForQueries: no coders (pg_proc lacks typinput rows, as in CrateDB)', true, message: e.message)
end

# decoders by result column type OID
results_map = PG::TypeMapByOid.new
int = PG::TextDecoder::Integer.new
[20, 21, 23].each { |oid| results_map.add_coder(PG::TextDecoder::Integer.new(oid: oid)) }
results_map.add_coder(PG::TextDecoder::Float.new(oid: 701))
results_map.add_coder(PG::TextDecoder::Boolean.new(oid: 16))
results_map.add_coder(PG::TextDecoder::TimestampUtc.new(oid: 1184))
results_map.add_coder(PG::TextDecoder::JSON.new(oid: 114))
results_map.add_coder(PG::TextDecoder::Array.new(oid: 1007, elements_type: int))
results_map.add_coder(PG::TextDecoder::Array.new(oid: 1015, elements_type: PG::TextDecoder::String.new))
[[20, PG::BinaryDecoder::Integer], [23, PG::BinaryDecoder::Integer], [701, PG::BinaryDecoder::Float],
 [16, PG::BinaryDecoder::Boolean], [1184, PG::BinaryDecoder::TimestampUtc]].each do |oid, klass|
  results_map.add_coder(klass.new(oid: oid, format: 1))
end
conn.type_map_for_results = results_map
# encoders by parameter class (the server infers the parameter types)
queries_map = PG::TypeMapByClass.new
queries_map[Integer] = PG::TextEncoder::Integer.new
queries_map[Float] = PG::TextEncoder::Float.new
queries_map[TrueClass] = PG::TextEncoder::Boolean.new
queries_map[FalseClass] = PG::TextEncoder::Boolean.new
queries_map[Time] = PG::TextEncoder::TimestampUtc.new
queries_map[Hash] = PG::TextEncoder::JSON.new
queries_map[Array] = PG::TextEncoder::Array.new(elements_type: PG::TextEncoder::String.new)
conn.type_map_for_queries = queries_map

TS1 = Time.utc(2024, 2, 29, 13, 14, 15.123r)
TS2 = Time.utc(1999, 12, 31, 23, 59, 59)
OBJ1 = { 'a' => 1, 'b' => 'x', 'nested' => { 'c' => [1, 2] } }
ROWS = [
  [1, 42, 9007199254740993, 3.141592653589793, 'grüße 東京', true, TS1, OBJ1, [1, 2, 3], %w[a b]],
  [2, -7, -5, -0.5, 'plain', false, TS2, {}, [], []],
  [3, nil, nil, nil, nil, nil, nil, nil, nil, nil],
].freeze
COLS = 'id, i, big, dbl, txt, flag, ts, obj, arr, tags'

step('ddl') do
  conn.exec("DROP TABLE IF EXISTS #{T}")
  conn.exec("CREATE TABLE #{T} (id int primary key, i int, big bigint, dbl double precision, txt text, flag boolean, " \
            'ts timestamp with time zone, obj object, arr array(integer), tags array(text))')
  emit('ddl', true)
end

step('insert') do
  sql = "INSERT INTO #{T} (#{COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
  ROWS.each do |r|
    # Hash parameters become json, Arrays PostgreSQL arrays, Times timestamps (type map for queries)
    res = conn.exec_params(sql, r)
    eq("insert id=#{r[0]} cmd_tuples", res.cmd_tuples, 1)
  end
  conn.exec("REFRESH TABLE #{T}")
end

step('roundtrip') do
  res = conn.exec("SELECT #{COLS} FROM #{T} ORDER BY id")
  eq('result type OIDs', (0...res.nfields).map { |k| res.ftype(k) }, [23, 23, 20, 701, 1043, 16, 1184, 114, 1007, 1015])
  rows = res.values
  eq('roundtrip row count', rows.size, 3)
  ROWS.each_with_index do |want, k|
    eq("roundtrip id=#{want[0]}", rows[k], want)
  end
  eq('timestamps decode as UTC', rows[0][6].utc_offset, 0)
  res = conn.exec_params("SELECT id FROM #{T} WHERE txt = $1", ['grüße 東京'])
  eq('unicode parameter in WHERE', res.column_values(0), [1])
end

step('binary results') do
  res = conn.exec_params("SELECT id, big, dbl, flag FROM #{T} WHERE id = $1", [1], 1)
  eq('binary result format', (0...res.nfields).map { |k| res.fformat(k) }, [1, 1, 1, 1])
  eq('binary results decoded', res.values.first, [1, 9007199254740993, 3.141592653589793, true])
end

step('aggregate') do
  eq('aggregate', conn.exec("SELECT count(*), sum(i), max(big), count(txt) FROM #{T}").values.first,
     [3, 35, 9007199254740993, 2])
end

step('update') do
  res = conn.exec_params("UPDATE #{T} SET txt = $1 WHERE id IN (1, 2)", ['updated'])
  eq('update cmd_tuples', res.cmd_tuples, 2)
  eq('update cmd_status', res.cmd_status, 'UPDATE 2')
  conn.exec("REFRESH TABLE #{T}")
  eq('update visible', conn.exec("SELECT count(*) FROM #{T} WHERE txt = 'updated'").getvalue(0, 0), 2)
end

step('error') do
  begin
    conn.exec('SELECT * FROM missing_table_ruby_pg')
    emit('error raised', false, error: 'no exception')
  rescue PG::UndefinedTable => e
    emit('error raised', e.result.error_field(PG::PG_DIAG_SQLSTATE) == '42P01', message: e.message.strip)
  end
  eq('statement after error', conn.exec('SELECT 1 + 1').getvalue(0, 0), 2)
end

step('prepared') do
  conn.prepare('by_id', "SELECT txt, ts FROM #{T} WHERE id = $1")
  desc = conn.describe_prepared('by_id')
  eq('describe_prepared', [desc.nparams, desc.paramtype(0), desc.nfields, desc.ftype(1)], [1, 23, 2, 1184])
  got = [1, 2, 3, 1, 2, 3].map { |id| conn.exec_prepared('by_id', [id]).values.first }
  once = [['updated', TS1], ['updated', TS2], [nil, nil]]
  eq('prepared statement reused', got, once + once)
  conn.exec('DEALLOCATE by_id')
end

step('pipeline of 100') do
  # libpq pipeline mode (PostgreSQL 14 libpq): 100 Parse/Bind/Execute without waiting, one Sync
  conn.enter_pipeline_mode
  100.times { |n| conn.send_query_params("INSERT INTO #{T} (id, i, txt) VALUES ($1, $2, $3)", [1000 + n, n, "batch #{n}"]) }
  conn.pipeline_sync
  counts = []
  100.times do
    res = conn.get_result
    counts << res.cmd_tuples
    res.check
    conn.get_result # nil: end of this query's results
  end
  eq('pipeline sync result', conn.get_result.result_status, PG::PGRES_PIPELINE_SYNC)
  conn.exit_pipeline_mode
  eq('100 pipelined inserts, 1 row each', counts, [1] * 100)
  conn.exec("REFRESH TABLE #{T}")
  eq('batch of 100', conn.exec("SELECT count(*), sum(i) FROM #{T} WHERE id >= 1000").values.first, [100, 4950])
end

step('server info') do
  eq('server_version', conn.server_version, 140000)
  eq('crate_version parameter', conn.parameter_status('crate_version').to_s.match?(/\A\d+\.\d+\.\d+/), true)
end

conn.exec("DROP TABLE #{T}")
conn.close
if $failures.positive?
  puts "FAILED #{$failures}"
  exit 1
end
puts 'OK'
