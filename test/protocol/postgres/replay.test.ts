/**
 * Replay of a recorded client↔server exchange (a psql/pgjdbc-like session: start-up, simple
 * queries, an unnamed and a named extended statement, a batch insert, an error and its Sync)
 * with the client bytes cut into random fragments of 1–7 bytes. The server must answer exactly
 * as it does for unfragmented input (STYLE.md §7.6).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestServer } from '../../helpers/server.js';
import { fe, RawPgClient, seededRandom } from '../../helpers/pg-wire.js';

let server: TestServer;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

/** `>` what the client sends, `<` what the server answers (message texts as describeBackend prints them). */
interface Step { send: Buffer[]; expect: string[] }

const script = (table: string): Step[] => [
  { send: [fe.query(`create table ${table} (id int primary key, name text)`)], expect: ['C CREATE 1', 'Z I'] },
  {
    send: [fe.parse('', `insert into ${table} (id, name) values ($1, $2)`, [23, 1043]),
      fe.bind('', '', ['1', 'Arthur']), fe.execute(''), fe.bind('', '', ['2', 'Trillian']), fe.execute(''), fe.sync()],
    expect: ['1', '2', '2', 'C INSERT 0 1', 'C INSERT 0 1', 'Z I'],
  },
  { send: [fe.query(`refresh table ${table}`)], expect: ['C REFRESH 1', 'Z I'] },
  {
    send: [fe.parse('', `select name from ${table} where id = $1`, [23]), fe.bind('', '', ['2']),
      fe.describe('P', ''), fe.execute(''), fe.sync()],
    expect: ['1', '2', 'T name:1043:0', 'D ["Trillian"]', 'C SELECT 1', 'Z I'],
  },
  {
    send: [fe.parse('S_1', `select id, name from ${table} order by id`, []), fe.describe('S', 'S_1'), fe.sync()],
    expect: ['1', 't ', 'T id:23:0,name:1043:0', 'Z I'],
  },
  {
    send: [fe.bind('', 'S_1', [], [], [0]), fe.execute('', 1), fe.sync()],
    expect: ['2', 'D ["1","Arthur"]', 's', 'Z I'],
  },
  { send: [fe.execute('', 0), fe.sync()], expect: ['D ["2","Trillian"]', 'C SELECT 1', 'Z I'] },
  {
    send: [fe.parse('', 'selec 1', []), fe.bind('', '', []), fe.execute(''), fe.sync()],
    expect: ["E 42601 line 1:1: mismatched input 'selec' expecting {'SELECT', 'DEALLOCATE', 'FETCH', 'END', 'WITH', 'CREATE', 'ALTER', 'KILL', 'CLOSE', 'BEGIN', 'START', 'COMMIT', 'ANALYZE', 'DISCARD', 'EXPLAIN', 'SHOW', 'OPTIMIZE', 'REFRESH', 'RESTORE', 'DROP', 'INSERT', 'VALUES', 'DELETE', 'UPDATE', 'SET', 'RESET', 'COPY', 'GRANT', 'DENY', 'REVOKE', 'DECLARE'}", 'Z E'],
  },
  { send: [fe.query("select 'ü' as u, null as n; show search_path")], expect: ['T u:1043:0,n:705:0', 'D ["ü",null]', 'C SELECT 1', 'T search_path:1043:0', 'D ["doc"]', 'C SELECT 1', 'Z I'] },
  { send: [fe.close('S', 'S_1'), fe.sync()], expect: ['3', 'Z I'] },
];

async function replay(table: string, seed: number | undefined): Promise<void> {
  const random = seed === undefined ? undefined : seededRandom(seed);
  const client = await RawPgClient.connect(server.pgPort);
  await client.send(fe.startup({ user: 'crate', database: 'doc' }), random);
  const start = await client.readyForQuery();
  assert.equal(start.at(-1)!.text, 'Z I');
  for (const [i, step] of script(table).entries()) {
    const bytes = Buffer.concat(step.send);
    await client.send(bytes, random);
    const answer = await client.readyForQuery(step.send.filter((b) => b[0] === 0x53 || b[0] === 0x51).length);
    assert.deepEqual(answer.map((m) => m.text), step.expect, `seed ${seed}, step ${i}`);
  }
  client.end();
}

test('the exchange, unfragmented', async () => {
  await replay('r0', undefined);
});

test('the exchange with random TCP fragmentation (20 seeds)', async () => {
  for (let seed = 1; seed <= 20; seed++) await replay(`r${seed}`, seed);
});

test('the whole exchange pipelined in one fragmented burst', async () => {
  const random = seededRandom(4242);
  const client = await RawPgClient.connect(server.pgPort);
  const steps = script('burst');
  const all = Buffer.concat([fe.startup({ user: 'crate', database: 'doc' }), ...steps.flatMap((s) => s.send)]);
  await client.send(all, random);
  const syncs = 1 + steps.flatMap((s) => s.send).filter((b) => b[0] === 0x53 || b[0] === 0x51).length;
  const messages = await client.readyForQuery(syncs);
  const texts = messages.map((m) => m.text).filter((t) => !/^[RSK] /.test(t) && t !== 'K');
  assert.deepEqual(texts, ['Z I', ...steps.flatMap((s) => s.expect)]);
  client.end();
});
