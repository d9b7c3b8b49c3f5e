/**
 * `cratelite shell` spawned as a user runs it, against a real server: -c, stdin, -f, every output
 * format compared byte for byte with what crash prints, status lines, backslash commands, exit
 * codes. The interactive mode runs in a pseudo-terminal (test/cli/pty-run.py, Python's pty).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { MAIN, startServer, type TestServer } from '../helpers/server.js';
import { EXPECTED } from './crash-expected.js';

const dir = mkdtempSync(join(tmpdir(), 'cratelite-shell-'));
let server: TestServer;

before(async () => {
  server = await startServer();
  await server.sql('create table fmt (id int, name text, score double, ok boolean, o object(dynamic) as (a text, b int), tags array(text))');
  const res = await fetch(`${server.httpUrl}/_sql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      stmt: 'insert into fmt (id, name, score, ok, o, tags) values (?, ?, ?, ?, ?, ?)',
      bulk_args: [
        [1, 'a', 1.5, true, { a: 'x', b: 2 }, ['x', 'y']],
        [22, null, null, false, null, []],
        [3, 'multi\nline', -10.25, null, null, null],
        [4, '日本語', 1e-7, true, { a: 'é' }, ["it's, ok"]],
      ],
    }),
  });
  assert.equal(res.status, 200);
  await server.sql('refresh table fmt');
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const FORMAT_QUERY = 'select id, name, score, ok, o, tags from fmt order by id';

interface Run { code: number | null; stdout: string; stderr: string }

function shell(args: string[], input?: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [MAIN, 'shell', '--hosts', server.httpUrl, ...args], {
      env: { ...process.env, XDG_CONFIG_HOME: dir, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('exit', (code) => done({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** Status lines with the duration replaced, e.g. `SELECT 4 rows in set (T sec)`. */
const statusLines = (stderr: string): string[] => stderr.trimEnd().split('\n').map((l) => l.replace(/\(\d+\.\d{3} sec\)/, '(T sec)'));

for (const format of Object.keys(EXPECTED)) {
  test(`--format ${format} prints exactly what crash prints`, async () => {
    const r = await shell(['--format', format, '-c', FORMAT_QUERY]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, EXPECTED[format]);
    assert.deepEqual(statusLines(r.stderr), ['CONNECT OK', 'SELECT 4 rows in set (T sec)']);
  });
}

test('--format raw is the response with the duration in seconds', async () => {
  const r = await shell(['--format', 'raw', '-c', 'select 1 as x, 2.5 as y']);
  assert.equal(r.code, 0, r.stderr);
  const m = /^\{\n {2}"rows": \[\n {4}\[\n {6}1,\n {6}2\.5\n {4}\]\n {2}\],\n {2}"cols": \[\n {4}"x",\n {4}"y"\n {2}\],\n {2}"rowcount": 1,\n {2}"duration": ([\d.e-]+)\n\}\n$/.exec(r.stdout);
  assert.ok(m, r.stdout);
  assert.ok(Number(m[1]) < 10);
});

test('-c runs several statements; status lines as crash writes them; exit code 0', async () => {
  const r = await shell(['-c', "create table c1 (id int); insert into c1 (id) values (1), (2); refresh table c1;\nselect count(*) AS n from c1; update c1 set id = 3 where id = 1; select * from c1 where id = 42"]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(statusLines(r.stderr), [
    'CONNECT OK',
    'CREATE OK, 1 row affected (T sec)',
    'INSERT OK, 2 rows affected (T sec)',
    'REFRESH OK, 1 row affected (T sec)',
    'SELECT 1 row in set (T sec)',
    'UPDATE OK, 1 row affected (T sec)',
    'SELECT 0 rows in set (T sec)',
  ]);
  assert.equal(r.stdout, '+---+\n| n |\n+---+\n| 2 |\n+---+\n+----+\n| id |\n+----+\n+----+\n');
});

test('statements from stdin, multi-line, with comments and semicolons in strings', async () => {
  const r = await shell([], "-- a comment; not a statement\nselect 'a;b' as s,\n  1 as \"x;y\"\n;\nselect /* ; */ 2 as two;\n");
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '+-----+-----+\n| s   | x;y |\n+-----+-----+\n| a;b |   1 |\n+-----+-----+\n+-----+\n| two |\n+-----+\n|   2 |\n+-----+\n');
});

test('an error prints the server message on stderr, the rest still runs, exit code 1', async () => {
  const r = await shell(['-c', 'select * from missing_table; select 1 as one; selec 2']);
  assert.equal(r.code, 1);
  const lines = statusLines(r.stderr);
  assert.deepEqual(lines.slice(0, 3), ['CONNECT OK', "RelationUnknown[Relation 'missing_table' unknown]", 'SELECT 1 row in set (T sec)']);
  assert.equal(lines.length, 4);
  assert.match(lines[3]!, /^\w+Exception\[line 1:1: /);
  assert.match(r.stdout, /\| one \|/);
});

test('no server: CONNECT ERROR and exit code 1', async () => {
  const blocked = spawnSync(process.execPath, [MAIN, 'shell', '--hosts', '127.0.0.1:1', '-c', 'select 1'], { encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: dir } });
  assert.equal(blocked.status, 1);
  assert.match(blocked.stderr, /CONNECT ERROR/);
  assert.equal(blocked.stdout, '');
});

test('-f FILE and \\r FILE run the statements of a file', async () => {
  const file = join(dir, 'script.sql');
  writeFileSync(file, "select 'from file' as src;\n\\format json_row\nselect 1 as n;\n");
  const viaF = await shell(['-f', file]);
  assert.equal(viaF.code, 0, viaF.stderr);
  assert.equal(viaF.stdout, '+-----------+\n| src       |\n+-----------+\n| from file |\n+-----------+\n{"n": 1}\n\n');
  assert.match(viaF.stderr, /changed output format to json_row/);
  const viaR = await shell(['-c', `\\r ${file}`]);
  assert.equal(viaR.stdout, viaF.stdout);
  const missing = await shell(['-f', join(dir, 'nope.sql')]);
  assert.equal(missing.code, 1);
});

test('backslash commands: \\? \\format \\dt \\d \\check \\sysinfo \\timing, unknown ones', async () => {
  const help = await shell(['-c', '\\?']);
  assert.equal(help.code, 0);
  for (const cmd of ['?', 'c', 'connect', 'check', 'd', 'dt', 'format', 'q', 'r', 'sysinfo', 'timing', 'verbose', 'autocomplete']) {
    assert.match(help.stderr, new RegExp(`^\\\\${cmd.replace('?', '\\?')} +\\S`, 'm'), cmd);
  }
  assert.match(help.stderr, /^\\format {25}switch output format$/m);

  const fmt = await shell(['-c', '\\format csv\nselect 1 as a\n\\format nope']);
  assert.equal(fmt.stdout, 'a\r\n1\r\n\n');
  assert.match(fmt.stderr, /changed output format to csv/);
  assert.match(fmt.stderr, /nope is not a valid output format\.\nUse one of: tabular, json, csv, raw, mixed, dynamic, json_row/);

  const dt = await shell(['-c', '\\dt']);
  assert.match(dt.stdout, /^\+-+\+-+\+-+\+-+\+-+\+\n\| schema \| name +\| type +\| primary_shards \| replicas \|/);
  assert.match(dt.stdout, /\| doc +\| fmt +\| BASE TABLE \|/);

  const d = await shell(['-c', '\\d fmt']);
  assert.equal(d.code, 0, d.stderr);
  assert.match(d.stdout, /\| column_name \| data_type/);
  assert.match(d.stdout, /\| score +\| double precision/);
  assert.match(d.stdout, /\| tags +\| text_array/);
  const dMissing = await shell(['-c', '\\d nope']);
  assert.match(dMissing.stderr, /Table doc\.nope does not exist/);

  const check = await shell(['-c', '\\check']);
  assert.match(check.stderr, /CLUSTER CHECK OK\nNODE CHECK OK/);
  const sysinfo = await shell(['--sysinfo']);
  assert.equal(sysinfo.code, 0, sysinfo.stderr);
  assert.match(sysinfo.stdout, /^number_of_shards +\| \d+\n/m);
  assert.match(sysinfo.stdout, /^crate_version +\| \d+\.\d+\.\d+$/m);

  const timing = await shell(['-c', '\\timing\nselect 1']);
  assert.match(timing.stderr, /Timing is on\.\nTime: \d+\.\d{3} ms\nSELECT 1 row in set/);

  const unknown = await shell(['-c', '\\nope\n\\dt extra']);
  assert.match(unknown.stderr, /Unknown command\. Type \\\? for a full list of available commands\./);
  assert.match(unknown.stderr, /Command does not take any arguments\./);

  const quit = await shell(['-c', 'select 1\n\\q\nselect 2']);
  assert.equal(quit.code, 0);
  assert.match(quit.stderr, /Bye!/);
  assert.doesNotMatch(quit.stdout, /\| 2 \|/);
});

test('SET lasts for the shell session (one HTTP connection); --schema sets the default schema', async () => {
  const r = await shell(['-c', "set search_path to custom; show search_path"]);
  assert.match(r.stdout, /\| custom +\|/);
  await server.sql('create table other.t (x int)');
  await server.sql('insert into other.t (x) values (7)');
  await server.sql('refresh table other.t');
  const s = await shell(['--schema', 'other', '-c', 'select x from t']);
  assert.equal(s.code, 0, s.stderr);
  assert.match(s.stdout, /\| 7 \|/);
});

test('usage errors', async () => {
  const bad = await shell(['--format', 'xml']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /invalid choice: 'xml'/);
  const help = spawnSync(process.execPath, [MAIN, 'shell', '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--hosts/);
  assert.match(help.stdout, /--format FORMAT/);
});

// ---------------------------------------------------------------- interactive, in a pty

const PTY_RUN = resolve(import.meta.dirname, 'pty-run.py');

interface Step { send?: string; expect?: string }

function pty(steps: Step[], args: string[] = []): { ok: boolean; failed_step: number | null; code: number | null; output: string } {
  const res = spawnSync('/usr/bin/python3', [PTY_RUN, JSON.stringify(steps), process.execPath, MAIN, 'shell', '--hosts', server.httpUrl, ...args], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CONFIG_HOME: dir, TERM: 'xterm' },
    timeout: 60_000,
  });
  return JSON.parse(res.stdout);
}

test('interactive: completion of keywords, tables and columns; multi-line statements; history across sessions', async () => {
  await server.sql('create table sensor_readings (ts timestamp, temperature double)');
  await server.sql("insert into sensor_readings (ts, temperature) values ('2026-01-01', 21.5)");
  await server.sql('refresh table sensor_readings');
  const history = join(dir, 'hist');
  const first = pty([
    { expect: 'cr> ' },
    { send: 'sel\t' }, { expect: 'select' },
    { send: ' tempe\t' }, { expect: 'temperature' },
    { send: '\r' }, { expect: '  > ' },
    { send: 'from sensor_r\t' }, { expect: 'sensor_readings' },
    { send: '\r' }, { expect: '  > ' },
    { send: ';\r' }, { expect: '21.5' }, { expect: 'SELECT 1 row in set' },
    { send: '\\form\t' }, { expect: '\\format' },
    { send: ' js\t' }, { expect: 'json' },
    { send: '_row\r' }, { expect: 'changed output format to json_row' },
    { send: '\u0004' }, { expect: 'Bye!' },
  ], ['--history', history]);
  assert.ok(first.ok, `step ${first.failed_step}: ${first.output}`);
  assert.equal(first.code, 0);
  assert.deepEqual(readFileSync(history, 'utf8').split('\n'), ['select temperature from sensor_readings ;', '\\format json_row', '']);

  // a new session recalls the statement with the up arrow
  const second = pty([
    { expect: 'cr> ' },
    { send: '\u001b[A\u001b[A' }, { expect: 'from sensor_readings ;' },
    { send: '\r' }, { expect: '+-------------+' }, { expect: 'SELECT 1 row in set' },
    { send: '\\q\r' }, { expect: 'Bye!' },
  ], ['--history', history]);
  assert.ok(second.ok, `step ${second.failed_step}: ${second.output}`);
  assert.equal(second.code, 0);
});

test('interactive: Ctrl-C discards the statement being typed; errors show their position', async () => {
  const r = pty([
    { expect: 'cr> ' },
    { send: 'select 1\r' }, { expect: '  > ' },
    { send: '\u0003' }, { expect: 'cr> ' },
    { send: 'select 2 as two;\r' }, { expect: '| two |' },
    { send: 'select *\r' }, { expect: '  > ' },
    { send: '  fro sensor_readings;\r' }, { expect: 'mismatched input' },
    { expect: '  fro sensor_readings' }, { expect: '^' },
    { send: '\\q\r' }, { expect: 'Bye!' },
  ], ['--history', join(dir, 'hist2')]);
  assert.ok(r.ok, `step ${r.failed_step}: ${r.output}`);
  assert.equal(r.code, 1);
  // the caret sits under "fro" (line 2, column 3)
  assert.match(r.output, /\n[^\n]*  fro sensor_readings[^\n]*\r?\n[^\n]* {4}\^/);
  assert.doesNotMatch(r.output, /\| 1 \|/);
});

test('interactive: a long statement shows a progress line with its job; Ctrl-C kills it and the session lives on', async () => {
  const r = pty([
    { expect: 'cr> ' },
    { send: 'set search_path to kept;\r' }, { expect: 'SET OK' },
    { send: 'select count(*) from generate_series(1, 5000000000) a;\r' },
    { expect: 'SELECT running ' }, { expect: ' · job ' },
    { send: '\u0003' }, { expect: 'Cancelled job ' }, { expect: 'JobKilledException' },
    { send: 'show search_path;\r' }, { expect: '| kept ' },
    { send: '\\q\r' }, { expect: 'Bye!' },
  ], ['--history', join(dir, 'hist3')]);
  assert.ok(r.ok, `step ${r.failed_step}: ${r.output}`);
});

test('interactive: a long COPY FROM shows its progress (lines read) from sys.jobs', async () => {
  await server.sql('create table slow_copy (n int)');
  // a source that sends some lines and then keeps the COPY waiting for the rest
  const source = spawn(process.execPath, ['-e', `
    const http = require('node:http');
    const s = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      let n = 0;
      const t = setInterval(() => { res.write(JSON.stringify({ n: n++ }) + '\\n'); if (n > 400) { clearInterval(t); } }, 5);
      req.on('close', () => clearInterval(t));
    });
    s.listen(0, '127.0.0.1', () => console.log(s.address().port));
  `], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<string>((res) => source.stdout!.once('data', (d: Buffer) => res(d.toString().trim())));
    const r = pty([
      { expect: 'cr> ' },
      { send: `copy slow_copy from 'http://127.0.0.1:${port}/rows.json';\r` },
      { expect: 'COPY running ' }, { expect: ' lines read' }, { expect: ' · job ' },
      { send: '\u0003' }, { expect: 'Cancelled job ' },
      { send: '\\q\r' }, { expect: 'Bye!' },
    ], ['--history', join(dir, 'hist4')]);
    assert.ok(r.ok, `step ${r.failed_step}: ${r.output}`);
  } finally {
    source.kill();
  }
});
