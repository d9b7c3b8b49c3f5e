/**
 * Cross-language PostgreSQL client compatibility: real drivers run a scenario each against one
 * real cratelite server — psql, psycopg 3, psycopg2, asyncpg, aiopg, SQLAlchemy 1.4 + pandas,
 * psqlODBC (through pyodbc and unixODBC), PHP PDO_PGSQL, ruby-pg, pgx v4 (Go) and pgjdbc.
 *
 * `before` runs scripts/install-test-clients.sh (installs missing Debian packages; a no-op when
 * everything is present) and fails this file loudly if that fails. SKIP_<GROUP>=1 (JDBC, ODBC,
 * PHP, RUBY, GO, PANDAS) leaves a group out of both. Each scenario prints one JSON line per step
 * ({"client","step","ok",...}) and finally `OK` (exit 0) or `FAILED n` (exit 1).
 * Python scenarios run with Debian's /usr/bin/python3 (where python3-psycopg etc. are installed).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer, type TestServer } from '../helpers/server.js';

const HERE = import.meta.dirname;
const INSTALL = resolve(HERE, '../../scripts/install-test-clients.sh');
const PYTHON = '/usr/bin/python3';
const PGJDBC = '/usr/share/java/postgresql.jar';

let server: TestServer;
/** javac output and the Go binary */
let buildDir: string;

before(async () => {
  const inst = spawnSync('bash', [INSTALL], { encoding: 'utf8', timeout: 15 * 60_000 });
  if (inst.status !== 0) {
    throw new Error(`scripts/install-test-clients.sh failed (status ${inst.status}, ${inst.error ?? ''})\n${inst.stdout}\n${inst.stderr}`);
  }
  buildDir = mkdtempSync(join(tmpdir(), 'cratelite-clients-'));
  server = await startServer();
});

after(async () => {
  await server?.close();
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

function run(cmd: string, args: string[], timeout = 60_000, env: Record<string, string> = {}): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, {
    cwd: HERE, encoding: 'utf8', timeout,
    env: { ...process.env, ...env, PGCONNECT_TIMEOUT: '10', PGSSLMODE: 'disable', PYTHONDONTWRITEBYTECODE: '1',
      SQLALCHEMY_SILENCE_UBER_WARNING: '1' },
  });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** SKIP_<GROUP>=1 leaves a client group out of scripts/install-test-clients.sh and out of this file */
function skipped(group: string): string | false {
  return process.env[`SKIP_${group}`] === '1' ? `SKIP_${group}=1` : false;
}

interface StepLine { client: string; step: string; ok: boolean; [k: string]: unknown }

/** checks a JSON-lines scenario: exit 0, last line `OK`, every step ok, and the expected steps present */
function assertScenario(r: SpawnSyncReturns<string>, client: string, mustHave: string[]): void {
  const lines = r.stdout.trim().split('\n').filter((l) => l !== '');
  const detail = `exit ${r.status}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;
  const steps: StepLine[] = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  const failed = steps.filter((s) => !s.ok);
  assert.deepEqual(failed, [], `${client}: failed steps\n${detail}`);
  assert.equal(r.status, 0, `${client}: ${detail}`);
  assert.equal(lines.at(-1), 'OK', `${client}: ${detail}`);
  assert.ok(steps.every((s) => s.client === client), detail);
  const names = new Set(steps.map((s) => s.step));
  for (const m of mustHave) assert.ok(names.has(m), `${client}: step "${m}" missing\n${detail}`);
}

const COMMON_STEPS = ['ddl', 'roundtrip id=1', 'roundtrip id=2', 'roundtrip id=3', 'unicode parameter in WHERE',
  'aggregate', 'update visible', 'error raised', 'statement after error', 'batch of 100'];

test('psql', () => {
  const conn = ['-X', '-q', '-A', '-t', '-F', '|', '-h', '127.0.0.1', '-p', String(server.pgPort), '-U', 'crate', '-d', 'doc'];
  const r = run('psql', [...conn, '-f', 'psql-scenario.sql']);
  const detail = `exit ${r.status}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;
  assert.equal(r.status, 0, detail);
  const lines = r.stdout.split('\n');
  const dt = lines.indexOf('dt');
  assert.ok(dt > 0, detail);
  assert.deepEqual(lines.slice(0, dt), [
    'rowcount 1',
    'roundtrip',
    '1|42|9007199254740993|3.141592653589793|grüße 東京|t|2024-02-29 13:14:15.123+00|{"a":1,"b":"x","nested":{"c":[1,2]}}|{"1","2","3"}|{"a","b"}',
    '2|-7|-5|-0.5|plain|f|1999-12-31 23:59:59.000+00|{}|{}|{}',
    '3|||||||||',
    '1',
    'aggregate',
    '3|35|9007199254740993|2',
    'update',
    'rowcount 2',
    '2',
    'error',
    '2',
    'batch',
    '100|4950',
  ], detail);
  // \dt: catalog query over pg_class/pg_namespace/pg_am (owner column not checked)
  assert.ok(lines.slice(dt + 1).some((l) => l.startsWith('doc|clients_psql|table|')), detail);
  // exactly the one expected error, on stderr, and psql went on
  const errors = r.stderr.split('\n').filter((l) => /ERROR|FATAL/.test(l));
  assert.equal(errors.length, 1, detail);
  assert.match(errors[0], /ERROR: +Relation 'missing_table_psql' unknown/, detail);

  // \d table: every catalog query psql sends answers (beyond CrateDB, which fails here)
  const d = run('psql', [...conn, '-c', '\\d doc.clients_psql']);
  assert.equal(d.status, 0, `exit ${d.status}\n${d.stdout}\n${d.stderr}`);
  assert.ok(d.stdout.split('\n').some((l) => l.startsWith('id|integer||not null|')), d.stdout + d.stderr);

  // the rest of the \d family: every query psql 15 sends answers (no ERROR on stderr)
  for (const cmd of ['\\d+ doc.clients_psql', '\\dt+', '\\df', '\\dT', '\\dv', '\\di', '\\dn+', '\\l+', '\\du']) {
    const r2 = run('psql', [...conn, '-c', cmd]);
    assert.equal(r2.status, 0, `${cmd}: exit ${r2.status}\n${r2.stdout}\n${r2.stderr}`);
    assert.doesNotMatch(r2.stderr, /ERROR/, `${cmd}: ${r2.stderr}`);
  }
  const dplus = run('psql', [...conn, '-c', '\\d+ doc.clients_psql']).stdout.split('\n');
  assert.ok(dplus.some((l) => l.startsWith('id|integer||not null|')), dplus.join('\n'));
  const dtplus = run('psql', [...conn, '-c', '\\dt+']).stdout.split('\n');
  assert.ok(dtplus.some((l) => l.startsWith('doc|clients_psql|table|')), dtplus.join('\n'));

  // -c statements, several in one invocation (each its own simple query)
  const c = run('psql', [...conn, '-c', 'SELECT count(*) FROM clients_psql', '-c', "SELECT 'grüße 東京'", '-c', 'DROP TABLE clients_psql']);
  assert.equal(c.status, 0, `exit ${c.status}\n${c.stdout}\n${c.stderr}`);
  assert.deepEqual(c.stdout.split('\n').filter((l) => l !== ''), ['103', 'grüße 東京'], c.stdout + c.stderr);
});

test('psycopg 3', () => {
  assertScenario(run(PYTHON, ['psycopg3_scenario.py', String(server.pgPort)]), 'psycopg3',
    [...COMMON_STEPS, 'roundtrip binary results', 'update rowcount', 'prepared statement reused', 'non-autocommit select']);
});

test('psycopg2', () => {
  assertScenario(run(PYTHON, ['psycopg2_scenario.py', String(server.pgPort)]), 'psycopg2',
    [...COMMON_STEPS, 'update rowcount', 'executemany rowcount', 'non-autocommit select']);
});

test('asyncpg', () => {
  assertScenario(run(PYTHON, ['asyncpg_scenario.py', String(server.pgPort)]), 'asyncpg',
    [...COMMON_STEPS, 'update status/rowcount', 'prepared statement reused', 'connection usable after introspection error',
      'copy_records_to_table status', 'copy_records_to_table rows', 'copy_from_query csv', 'copy_from_query binary']);
});

test('aiopg', () => {
  assertScenario(run(PYTHON, ['aiopg_scenario.py', String(server.pgPort)]), 'aiopg',
    [...COMMON_STEPS, 'update rowcount', 'same parameterized statement reused', 'multi-row insert rowcount',
      'pool: 100 concurrent inserts, rowcount 1 each', 'select inside BEGIN/COMMIT']);
});

test('SQLAlchemy 1.4 + pandas', { skip: skipped('PANDAS') }, () => {
  assertScenario(run(PYTHON, ['sqlalchemy_pandas_scenario.py', String(server.pgPort)]), 'sqlalchemy',
    [...COMMON_STEPS, 'stock dialect: version() not parsed (as with CrateDB)', 'update rowcount',
      'same compiled statement reused', 'executemany rowcount',
      'to_sql default DDL rejected: index column named index', 'to_sql default DDL rejected: FLOAT(53)',
      'to_sql (create) column types', 'read_sql dtypes', 'to_sql (create) / read_sql round trip',
      'to_sql (append) / read_sql round trip', 'to_sql (append) 100 rows in chunks of 30', 'read_sql aggregate over the 100',
      'read_sql chunksize=40 with a parameter', 'read_sql_table reflection fails (AS DEFAULT, as with CrateDB)']);
});

test('psqlODBC (pyodbc, unixODBC)', { skip: skipped('ODBC') }, () => {
  assertScenario(run(PYTHON, ['odbc_scenario.py', String(server.pgPort)]), 'odbc',
    [...COMMON_STEPS, 'SQL_DBMS_NAME / SQL_DBMS_VER', 'result column types', '10 000-character text round trip',
      'update rowcount', 'prepared statement reused', 'SQLTables', 'SQLColumns', 'SQLPrimaryKeys (empty, as with CrateDB)']);
});

test('PHP PDO_PGSQL', { skip: skipped('PHP') }, () => {
  assertScenario(run('php', ['pdo_scenario.php', String(server.pgPort)]), 'pdo',
    [...COMMON_STEPS, 'insert id=3 rowCount', 'getColumnMeta of every column', 'object decodes', 'timestamp parses to the instant',
      'update rowCount', 'exec() returns the row count', 'prepared statement reused', 'emulated prepare',
      '100 executions, rowCount 1 each', 'commit() finds no transaction (as with CrateDB)', 'update inside BEGIN effective',
      'ATTR_SERVER_VERSION']);
});

test('ruby-pg', { skip: skipped('RUBY') }, () => {
  assertScenario(run('ruby', ['ruby_pg_scenario.rb', String(server.pgPort)]), 'ruby-pg',
    [...COMMON_STEPS, 'BasicTypeMapForQueries: no coders (pg_proc lacks typinput rows, as in CrateDB)', 'result type OIDs',
      'timestamps decode as UTC', 'binary results decoded', 'update cmd_tuples', 'update cmd_status', 'describe_prepared',
      'prepared statement reused', 'pipeline sync result', '100 pipelined inserts, 1 row each', 'server_version']);
});

test('pgx v4 (Go)', { skip: skipped('GO') }, () => {
  // Debian's Go and pgx sources, GOPATH mode: no module download. The build cache lives in the
  // system temp dir so later runs only link (cold build ~15 s, warm ~2 s).
  const bin = join(buildDir, 'pgx_scenario');
  const go = existsSync('/usr/bin/go') ? '/usr/bin/go' : 'go';
  const build = run(go, ['build', '-o', bin, 'pgx_scenario.go'], 300_000, {
    GO111MODULE: 'off', GOPATH: '/usr/share/gocode', GOFLAGS: '', GOCACHE: join(tmpdir(), 'cratelite-go-build-cache'),
  });
  assert.equal(build.status, 0, `go build failed\n${build.stdout}\n${build.stderr}`);
  assertScenario(run(bin, [String(server.pgPort)]), 'pgx',
    [...COMMON_STEPS, 'result type OIDs', 'update RowsAffected', 'update command tag', 'prepared parameter OIDs',
      'prepared statement reused', 'SendBatch of 100 inserts, 100 rows affected', 'simple protocol query',
      'pool: 20 concurrent queries over 4 connections', 'CopyFrom rowcount',
      'CopyFrom rows visible']);
});

test('pgjdbc', { skip: skipped('JDBC') }, () => {
  const javac = run('javac', ['-d', buildDir, '-cp', PGJDBC, 'JdbcScenario.java'], 120_000);
  assert.equal(javac.status, 0, `javac failed\n${javac.stdout}\n${javac.stderr}`);
  assertScenario(run('java', ['-cp', `${buildDir}:${PGJDBC}`, 'JdbcScenario', String(server.pgPort)]), 'jdbc',
    [...COMMON_STEPS, 'update count', 'prepared statement reused',
      'executeBatch counts all 1']);
});
