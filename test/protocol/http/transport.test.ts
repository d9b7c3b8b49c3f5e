/**
 * HTTP transport behaviour (http.md §1, §1.1, §7): compressed bodies, the 100 MB body limit,
 * one session per keep-alive connection, `Connection: close` and HTTP/1.0, client disconnects.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { startServer, type TestServer } from '../../helpers/server.js';
import { postSql, rawExchange, singleConnectionAgent } from './http-client.js';

let server: TestServer;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

const SELECT_1 = '{"stmt": "select 1"}';

test('gzip request bodies are decompressed (crate-python gzips bodies ≥ 8 KB)', async () => {
  const body = gzipSync(Buffer.from(JSON.stringify({ stmt: `select 1 ${' '.repeat(20000)}` })));
  const res = await postSql(server.httpUrl, body, { headers: { 'content-encoding': 'gzip' } });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json().rows, [[1]]);
});

test('deflate request bodies, zlib-wrapped or raw', async () => {
  for (const body of [deflateSync(SELECT_1), deflateRawSync(SELECT_1)]) {
    const res = await postSql(server.httpUrl, body, { headers: { 'content-encoding': 'deflate' } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json().rows, [[1]]);
  }
});

test('a corrupt gzip body → 500 with a plain-text message', async () => {
  const res = await postSql(server.httpUrl, 'definitely not gzip', { headers: { 'content-encoding': 'gzip' } });
  assert.equal(res.status, 500);
  assert.equal(res.headers['content-type'], undefined);
  assert.ok(res.text.length > 0);
});

/**
 * Streams `size` bytes of body on a raw socket, declared with content-length or chunked, and
 * resolves with the status of the first response (which may arrive before the upload ends).
 */
function sendHuge(size: number, chunked: boolean): Promise<number> {
  const url = new URL(server.httpUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    let received = '';
    const finish = (result: number | Error): void => {
      socket.destroy();
      if (typeof result === 'number') resolve(result); else reject(result);
    };
    socket.on('data', (d) => {
      received += d.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3}) /.exec(received);
      if (m) finish(Number(m[1]));
    });
    socket.on('error', (e) => finish(e));
    socket.write(`POST /_sql HTTP/1.1\r\nHost: x\r\n${chunked ? 'transfer-encoding: chunked' : `content-length: ${size}`}\r\n\r\n`);
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const frame = chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk;
    let sent = 0;
    const pump = (): void => {
      while (sent < size && !socket.destroyed) {
        sent += chunk.length;
        if (!socket.write(frame)) { socket.once('drain', pump); return; }
      }
      if (chunked && !socket.destroyed) socket.write('0\r\n\r\n');
    };
    pump();
  });
}

test('a body over 100 MB → 413, and the server keeps answering', async () => {
  assert.equal(await sendHuge(101 * 1024 * 1024, false), 413);
  assert.equal(await sendHuge(101 * 1024 * 1024, true), 413);
  const res = await postSql(server.httpUrl, SELECT_1);
  assert.equal(res.status, 200);
});

test('a gzip body that inflates beyond 100 MB → 413', async () => {
  const bomb = gzipSync(Buffer.alloc(101 * 1024 * 1024, 0x20));
  const res = await postSql(server.httpUrl, bomb, { headers: { 'content-encoding': 'gzip' } });
  assert.equal(res.status, 413);
});

test('one session per keep-alive connection: SET stays in effect on that connection only', async () => {
  const agent = singleConnectionAgent();
  try {
    const setRes = await postSql(server.httpUrl, '{"stmt": "SET search_path TO information_schema"}', { agent });
    assert.equal(setRes.status, 200, setRes.text);
    const same = await postSql(server.httpUrl, '{"stmt": "select current_setting(\'search_path\')"}', { agent });
    assert.equal(same.localPort, setRes.localPort, 'the agent reused the connection');
    assert.match(String(same.json().rows[0][0]), /information_schema/);
    const other = await postSql(server.httpUrl, '{"stmt": "select current_setting(\'search_path\')"}');
    assert.notEqual(other.localPort, setRes.localPort);
    assert.doesNotMatch(String(other.json().rows[0][0]), /information_schema/);
  } finally {
    agent.destroy();
  }
});

test('Default-Schema is read once, when the connection\'s session is created', async () => {
  const agent = singleConnectionAgent();
  try {
    const first = await postSql(server.httpUrl, '{"stmt": "select current_schema()"}', { agent, headers: { 'default-schema': 'custom' } });
    assert.deepEqual(first.json().rows, [['custom']]);
    const second = await postSql(server.httpUrl, '{"stmt": "select current_schema()"}', { agent, headers: { 'default-schema': 'other' } });
    assert.deepEqual(second.json().rows, [['custom']]);
  } finally {
    agent.destroy();
  }
});

const rawPost = (version: string, connection?: string): string =>
  `POST /_sql HTTP/${version}\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: ${SELECT_1.length}\r\n`
  + `${connection ? `Connection: ${connection}\r\n` : ''}\r\n${SELECT_1}`;

test('Connection: close → the server closes the connection after the response', async () => {
  const { text, closedByServer } = await rawExchange(server.httpUrl, rawPost('1.1', 'close'));
  assert.match(text, /^HTTP\/1\.1 200 OK\r\n/);
  assert.match(text, /\r\ncontent-length: \d+\r\n/i);
  assert.equal(closedByServer, true);
});

test('HTTP/1.0 closes unless keep-alive is asked for', async () => {
  const plain = await rawExchange(server.httpUrl, rawPost('1.0'));
  assert.match(plain.text, /^HTTP\/1\.[01] 200 OK\r\n/);
  assert.equal(plain.closedByServer, true);
  const keepAlive = await rawExchange(server.httpUrl, rawPost('1.0', 'keep-alive'), 500);
  assert.match(keepAlive.text, /\r\nconnection: keep-alive\r\n/i);
  assert.equal(keepAlive.closedByServer, false);
});

test('keep-alive connections serve pipelined requests in order', async () => {
  const one = rawPost('1.1').replace('select 1', 'select 7');
  const { text } = await rawExchange(server.httpUrl, one + rawPost('1.1', 'close'));
  const bodies = text.split('\r\n\r\n').slice(1).map((part) => part.split('HTTP/1.1')[0]);
  assert.match(bodies[0]!, /"rows":\[\[7\]\]/);
  assert.match(bodies[1]!, /"rows":\[\[1\]\]/);
});

test('a client that disconnects mid-statement does not hurt the server', async () => {
  const url = new URL(server.httpUrl);
  await new Promise<void>((resolve) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: '/_sql', method: 'POST', agent: false });
    req.on('error', () => resolve());
    req.end('{"stmt": "select count(*) from generate_series(1, 2000000000)"}');
    setTimeout(() => { req.destroy(); resolve(); }, 200);
  });
  const res = await postSql(server.httpUrl, SELECT_1);
  assert.equal(res.status, 200);
});
