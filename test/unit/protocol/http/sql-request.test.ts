/** `/_sql` body parsing: CrateDB's error texts, codes and odd-but-real acceptance rules (http.md §3.1, §3.4). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CrateliteError } from '../../../../src/errors/errors.js';
import { parseSqlRequest } from '../../../../src/protocol/http/sql-request.js';
import { T } from '../../../../src/types/data-type.js';

const parse = (body: string | Buffer) => parseSqlRequest(typeof body === 'string' ? Buffer.from(body) : body);

function fails(body: string | Buffer, message: string, code: number): void {
  assert.throws(() => parse(body), (e: unknown) => {
    assert.ok(e instanceof CrateliteError, String(e));
    assert.equal(e.crateMessage, message);
    assert.equal(e.crateCode, code);
    return true;
  });
}

const cantParse = (raw: string): string =>
  `SQLParseException[Can't parse [${raw}]. Expecting payload with \`stmt\` string and \`args\` or \`bulk_args\` arrays]`;

test('a plain statement, with args and with bulk_args', () => {
  assert.deepEqual(parse('{"stmt":"select 1"}'), { stmt: 'select 1' });
  const r = parse('{"stmt":"select ?", "args":[1, "a", null, true, 1.5, [1, 2], {"x": {"y": 1}}]}');
  assert.deepEqual(r.args, [1, 'a', null, true, 1.5, [1, 2], { x: { y: 1 } }]);
  assert.deepEqual(parse('{"bulk_args":[[1],[2,"x"]],"stmt":"insert"}').bulkArgs, [[1], [2, 'x']]);
  assert.deepEqual(parse('{"stmt":"x","args":[],"bulk_args":[]}'), { stmt: 'x', args: [], argTypes: [], bulkArgs: [] });
});

test('empty body', () => fails('', 'SQLParseException[Missing request body]', 4000));

test('not JSON or an unknown key: Can\'t parse with the raw body', () => {
  fails('{"foo": "bar"}', cantParse('{"foo": "bar"}'), 4000);
  fails('not json', cantParse('not json'), 4000);
  fails('{"stmt": "select 1"', cantParse('{"stmt": "select 1"'), 4000);
  fails('{"stmt": "select 1",}', cantParse('{"stmt": "select 1",}'), 4000);
  fails('{"stmt": \'x\'}', cantParse('{"stmt": \'x\'}'), 4000);
  fails('{"stmt": "a", "args": [01]}', cantParse('{"stmt": "a", "args": [01]}'), 4000);
  fails('{"stmt": "a", "args": [NaN]}', cantParse('{"stmt": "a", "args": [NaN]}'), 4000);
  fails('{"stmt": "a\tb"}', cantParse('{"stmt": "a\tb"}'), 4000);
});

test('duplicate keys are rejected (Jackson STRICT_DUPLICATE_DETECTION)', () => {
  fails('{"stmt": "a", "stmt": "b"}', cantParse('{"stmt": "a", "stmt": "b"}'), 4000);
  fails('{"stmt": "a", "args": [{"k": 1, "k": 2}]}', cantParse('{"stmt": "a", "args": [{"k": 1, "k": 2}]}'), 4000);
});

test('invalid UTF-8 is a parse error; the message shows the body decoded leniently', () => {
  const body = Buffer.concat([Buffer.from('{"stmt": "select \''), Buffer.from([0xff, 0xfe]), Buffer.from('\'"}')]);
  fails(body, cantParse(`{"stmt": "select '\uFFFD\uFFFD'"}`), 4000);
});

test('stmt missing, empty or not a scalar: SQLParseSourceException, code 5000', () => {
  fails('{}', 'SQLParseSourceException[Field [stmt] is missing]', 5000);
  fails('{"args": []}', 'SQLParseSourceException[Field [stmt] is missing]', 5000);
  fails('[]', 'SQLParseSourceException[Field [stmt] is missing]', 5000);
  fails('   ', 'SQLParseSourceException[Field [stmt] is missing]', 5000);
  fails('{"stmt": ""}', 'SQLParseSourceException[Field [stmt] has no value]', 5000);
  fails('{"stmt": null}', 'SQLParseSourceException[Field [stmt] has an invalid value]', 5000);
  fails('{"stmt": ["select 1"]}', 'SQLParseSourceException[Field [stmt] has an invalid value]', 5000);
  fails('{"stmt": {"a": 1}}', 'SQLParseSourceException[Field [stmt] has an invalid value]', 5000);
});

test('args and bulk_args must be arrays', () => {
  fails('{"stmt": "a", "args": 1}', 'SQLParseSourceException[`args` must start with an array, not `VALUE_NUMBER`]', 5000);
  fails('{"stmt": "a", "args": "x"}', 'SQLParseSourceException[`args` must start with an array, not `VALUE_STRING`]', 5000);
  fails('{"stmt": "a", "args": {}}', 'SQLParseSourceException[`args` must start with an array, not `START_OBJECT`]', 5000);
  fails('{"stmt": "a", "args": null}', 'SQLParseSourceException[`args` must start with an array, not `VALUE_NULL`]', 5000);
  fails('{"stmt": "a", "bulk_args": 1}', 'SQLParseSourceException[Field [bulk_args] has an invalid value]', 5000);
  fails('{"stmt": "a", "bulk_args": [[1], 2]}',
    'SQLParseSourceException[`bulk_args` must contain a list of `args` (values list). Got unexpected: VALUE_NUMBER]', 5000);
});

test('non-string scalars are accepted as stmt text', () => {
  assert.equal(parse('{"stmt": 1.50}').stmt, '1.50');
  assert.equal(parse('{"stmt": true}').stmt, 'true');
});

test('JSON comments are tolerated', () => {
  assert.equal(parse('/* c */ {"stmt": // line\n "select 1" /* x */}').stmt, 'select 1');
});

test('CrateDB stops at the first end of object: trailing garbage is ignored', () => {
  assert.equal(parse('{"stmt": "select 1"} trailing ] garbage').stmt, 'select 1');
  assert.equal(parse('[{"stmt": "select 1"}]').stmt, 'select 1');
});

test('escapes and unicode in strings', () => {
  assert.equal(parse('{"stmt": "a\\"b\\\\c\\/d\\n\\u00e9\\ud83d\\ude00 ü"}').stmt, 'a"b\\c/d\né😀 ü');
});

test('big integers stay exact; type hints follow DataTypes.guessType', () => {
  const r = parse('{"stmt": "x", "args": [1, 2147483648, 9007199254740993, 1.0, 1e2, "s", true, null, [1, 2.5], {"a": 1}, []]}');
  assert.deepEqual(r.args!.slice(0, 5), [1, 2147483648, 9007199254740993n, 1, 100]);
  assert.deepEqual(r.argTypes!.map((t) => t.kind),
    ['integer', 'bigint', 'bigint', 'double precision', 'double precision', 'text', 'boolean', 'undefined', 'array', 'object', 'array']);
  assert.deepEqual(r.argTypes![8], T.array(T.double));
  assert.deepEqual(r.argTypes![9], T.object('dynamic', [{ name: 'a', type: T.integer }]));
  assert.deepEqual(r.argTypes![10], T.array(T.undefined));
});

test('an argument integer beyond 64 bits has no type', () => {
  fails('{"stmt": "x", "args": [99999999999999999999]}', 'SQLParseException[Cannot detect the type of the value: 99999999999999999999]', 4000);
  // bulk_args get no type hints, so the value just travels on
  assert.deepEqual(parse('{"stmt": "x", "bulk_args": [[99999999999999999999]]}').bulkArgs, [[99999999999999999999n]]);
});

test('__proto__ is an ordinary object key', () => {
  const r = parse('{"stmt": "x", "args": [{"__proto__": {"a": 1}}]}');
  const o = r.args![0] as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(o), Object.prototype);
  assert.deepEqual(Object.keys(o), ['__proto__']);
});

test('large bulk bodies (native JSON.parse path) give the same result and the same errors', () => {
  const rows = Array.from({ length: 5000 }, (_, i) => [i, `name-${i}`, i + 0.5, i % 2 === 0, { k: [i] }, null]);
  const body = JSON.stringify({ stmt: 'insert into t values (?, ?, ?, ?, ?, ?)', bulk_args: rows });
  assert.ok(body.length > 64 * 1024);
  assert.deepEqual(parse(body), { stmt: 'insert into t values (?, ?, ?, ?, ?, ?)', bulkArgs: rows });
  // the exact path takes over for what JSON.parse would get wrong or not accept
  const withBig = body.replace('[0,', '[12345678901234567890,');
  assert.equal(parse(withBig).bulkArgs![0]![0], 12345678901234567890n);
  assert.equal(parse(`/* bulk */ ${body}`).bulkArgs!.length, 5000);
  const duplicate = `{"stmt": "x", ${body.slice(1)}`;
  assert.throws(() => parse(duplicate), (e: unknown) => e instanceof CrateliteError && e.crateCode === 4000);
  const unknownKey = `{"extra": 1, ${body.slice(1)}`;
  assert.throws(() => parse(unknownKey), (e: unknown) => e instanceof CrateliteError && /^SQLParseException\[Can't parse/.test(e.crateMessage));
});

test('the native JSON.parse path is exact at any size: duplicate keys at any depth are rejected', () => {
  for (const size of [2, 5000]) {
    const rows = Array.from({ length: size }, (_, i) => [i, { host: `h${i}`, 'a:b': 'c:"d"\\', n: { x: i } }]);
    const body = JSON.stringify({ stmt: 'insert into t values (?, ?)', bulk_args: rows });
    assert.deepEqual(parse(body).bulkArgs, rows);
    // a repeated key in the last row's object, and in its nested object: JSON.parse would keep the last value
    for (const dup of [body.replace(/"host":"h(\d+)"(?=[^\]]*\]\]\}$)/, '"host":"h$1","host":"z"'),
      body.replace(/"x":(\d+)(?=[^\]]*\]\]\}$)/, '"x":$1,"x":0')]) {
      assert.notEqual(dup, body);
      assert.throws(() => parse(dup), (e: unknown) => e instanceof CrateliteError && /^SQLParseException\[Can't parse/.test(e.crateMessage));
    }
    // escapes and colons in strings and keys do not count as members
    const escaped = body.replace('"a:b":', '"a\\u003ab\\\\\\"":');
    assert.equal(Object.keys(parse(escaped).bulkArgs![0]![1] as object)[1], 'a:b\\"');
  }
});

test('small bodies give the same results as before, integers beyond 2^53 included', () => {
  assert.deepEqual(parse('{"stmt":"x","bulk_args":[[9007199254740993, -9007199254740993, 9007199254740991, 1e300]]}').bulkArgs,
    [[9007199254740993n, -9007199254740993n, 9007199254740991, 1e300]]);
  assert.deepEqual(parse('{"stmt":"x","bulk_args":[[{"a":{"b":[18446744073709551616]}}]]}').bulkArgs, [[{ a: { b: [18446744073709551616n] } }]]);
  assert.deepEqual(parse('{"stmt": "select 1", "bulk_args": []}'), { stmt: 'select 1', bulkArgs: [] });
  fails('{"stmt":"x","bulk_args":[[{"a":1,"a":2}]]}', cantParse('{"stmt":"x","bulk_args":[[{"a":1,"a":2}]]}'), 4000);
  fails('{"stmt":"x","stmt":"y","bulk_args":[[1]]}', cantParse('{"stmt":"x","stmt":"y","bulk_args":[[1]]}'), 4000);
});
