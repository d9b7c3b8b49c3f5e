/**
 * Request-level errors of `/_sql` over a real socket: every body-parsing error of http.md §3.1,
 * E12, `statement_max_length` (§7) and the `args`/`bulk_args` mode rules.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer, type TestServer } from '../../helpers/server.js';
import { postSql, request } from './http-client.js';

let server: TestServer;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

const CANT_PARSE = '. Expecting payload with `stmt` string and `args` or `bulk_args` arrays';

async function expectError(body: string | Buffer, status: number, code: number, message: string): Promise<void> {
  const res = await postSql(server.httpUrl, body);
  assert.equal(res.status, status, res.text);
  assert.equal(res.headers['content-type'], 'application/json; charset=UTF-8');
  assert.equal(res.headers['content-length'], String(res.body.length));
  assert.equal(res.text, JSON.stringify({ error: { message, code } }));
}

test('E12: no body → Missing request body', async () => {
  await expectError('', 400, 4000, 'SQLParseException[Missing request body]');
  const get = await request(server.httpUrl, { path: '/_sql' });
  assert.equal(get.status, 400);
  assert.equal(get.json().error.message, 'SQLParseException[Missing request body]');
});

test('E12: unknown key → Can\'t parse [<raw body>]', async () => {
  await expectError('{"foo": "bar"}', 400, 4000, `SQLParseException[Can't parse [{"foo": "bar"}]${CANT_PARSE}]`);
});

test('malformed JSON → Can\'t parse, 400', async () => {
  await expectError('{"stmt": "select 1",', 400, 4000, `SQLParseException[Can't parse [{"stmt": "select 1",]${CANT_PARSE}]`);
  await expectError('stmt=select 1', 400, 4000, `SQLParseException[Can't parse [stmt=select 1]${CANT_PARSE}]`);
});

test('invalid UTF-8 in the body → Can\'t parse, 400', async () => {
  const body = Buffer.concat([Buffer.from('{"stmt": "select \''), Buffer.from([0xc3, 0x28]), Buffer.from('\'"}')]);
  const res = await postSql(server.httpUrl, body);
  assert.equal(res.status, 400);
  assert.equal(res.json().error.code, 4000);
  assert.match(res.json().error.message, /^SQLParseException\[Can't parse \[\{"stmt": "select '\uFFFD\('"\}\]\. Expecting payload/);
});

test('stmt missing / empty / invalid → SQLParseSourceException, 500', async () => {
  await expectError('{"args": [1]}', 500, 5000, 'SQLParseSourceException[Field [stmt] is missing]');
  await expectError('{"stmt": ""}', 500, 5000, 'SQLParseSourceException[Field [stmt] has no value]');
  await expectError('{"stmt": {}}', 500, 5000, 'SQLParseSourceException[Field [stmt] has an invalid value]');
});

test('args / bulk_args not arrays → SQLParseSourceException, 500', async () => {
  await expectError('{"stmt": "select 1", "args": "x"}', 500, 5000,
    'SQLParseSourceException[`args` must start with an array, not `VALUE_STRING`]');
  await expectError('{"stmt": "select 1", "bulk_args": {}}', 500, 5000, 'SQLParseSourceException[Field [bulk_args] has an invalid value]');
  await expectError('{"stmt": "select 1", "bulk_args": [1]}', 500, 5000,
    'SQLParseSourceException[`bulk_args` must contain a list of `args` (values list). Got unexpected: VALUE_NUMBER]');
});

test('E12: both args and bulk_args non-empty → 400', async () => {
  await expectError('{"stmt": "INSERT INTO foo (bar) values (?)", "args": [0], "bulk_args": [[0], [1]]}', 400, 4000,
    "SQLParseException[request body contains args and bulk_args. It's forbidden to provide both]");
});

test('args present (even []) wins over bulk_args: a single execution', async () => {
  const res = await postSql(server.httpUrl, '{"stmt": "select 1", "args": [], "bulk_args": [[1]]}');
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(Object.keys(res.json()), ['cols', 'rows', 'rowcount', 'duration']);
});

test('an argument integer beyond 64 bits → Cannot detect the type of the value', async () => {
  await expectError('{"stmt": "select ?", "args": [123456789012345678901234567890]}', 400, 4000,
    'SQLParseException[Cannot detect the type of the value: 123456789012345678901234567890]');
});

test('statement_max_length: 262144 characters', async () => {
  const stmt = `select 1 ${' '.repeat(262144 - 9)}`;
  assert.equal(stmt.length, 262144);
  assert.equal((await postSql(server.httpUrl, JSON.stringify({ stmt }))).status, 200);
  await expectError(JSON.stringify({ stmt: `${stmt} ` }), 400, 4000,
    'SQLParseException[Statement exceeds `statement_max_length` (262144 allowed, 262145 provided). '
    + 'Try replacing inline values with parameter placeholders (`?`)]');
});

test('E12: two statements → ParsingException', async () => {
  await expectError('{"stmt": "select 1; select 2;"}', 400, 4000,
    "ParsingException[line 1:11: mismatched input 'select' expecting <EOF>]");
});
