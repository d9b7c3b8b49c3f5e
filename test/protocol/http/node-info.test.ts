/** `GET /`, `HEAD /`, redirects and the static-file texts of the main handler (http.md §2, §6, E14). */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CRATE_VERSION } from '../../../src/session/version.js';
import { startServer, type TestServer } from '../../helpers/server.js';
import { request } from './http-client.js';

let server: TestServer;
before(async () => { server = await startServer({ args: ['-C', 'node.name=node-1'] }); });
after(async () => { await server.close(); });

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';

test('E14: GET / from a non-browser → pretty node info JSON', async () => {
  const res = await request(server.httpUrl, { headers: { 'user-agent': 'curl/8.0' } });
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-type'], 'application/json');
  assert.equal(res.headers['content-length'], String(res.body.length));
  assert.match(res.text, /^\{\n {2}"ok" : true,\n {2}"status" : 200,\n {2}"name" : "node-1",\n {2}"cluster_name" : "crate",\n {2}"version" : \{\n {4}"number" : "/);
  assert.ok(res.text.endsWith('\n  }\n}\n'));
  const doc = res.json();
  assert.deepEqual(Object.keys(doc), ['ok', 'status', 'name', 'cluster_name', 'version']);
  assert.deepEqual(Object.keys(doc.version), ['number', 'build_hash', 'build_timestamp', 'build_snapshot', 'lucene_version']);
  assert.equal(doc.version.number, CRATE_VERSION);
});

test('GET / without a User-Agent, or a browser asking for JSON → node info', async () => {
  assert.equal((await request(server.httpUrl)).json().ok, true);
  const res = await request(server.httpUrl, { headers: { 'user-agent': BROWSER, accept: 'application/json, text/plain' } });
  assert.equal(res.json().name, 'node-1');
});

test('HEAD / is the health probe: 200, content-length 0, no body', async () => {
  const res = await request(server.httpUrl, { method: 'HEAD' });
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-length'], '0');
  assert.equal(res.body.length, 0);
});

test('GET / from a browser → the Admin UI, which is not shipped: 404 for index.html', async () => {
  const res = await request(server.httpUrl, { headers: { 'user-agent': BROWSER } });
  assert.equal(res.status, 404);
  assert.equal(res.text, 'Requested file [index.html] was not found');
});

test('/admin and /_plugin/crate-admin redirect to /', async () => {
  for (const path of ['/admin', '/_plugin/crate-admin', '/ADMIN']) {
    const res = await request(server.httpUrl, { path });
    assert.equal(res.status, 307, path);
    assert.equal(res.headers.location, '/');
    assert.equal(res.headers['content-length'], '0');
  }
});

test('other paths: 404 for GET, 403 "POST method is not allowed" for anything else, no content-type', async () => {
  const missing = await request(server.httpUrl, { path: '/foo/bar.js' });
  assert.equal(missing.status, 404);
  assert.equal(missing.text, 'Requested file [foo/bar.js] was not found');
  assert.equal(missing.headers['content-type'], undefined);
  const query = await request(server.httpUrl, { path: '/?foo' });
  assert.equal(query.text, 'Requested file [?foo] was not found');
  for (const method of ['POST', 'DELETE', 'PUT']) {
    const res = await request(server.httpUrl, { method, path: '/foo' });
    assert.equal(res.status, 403);
    assert.equal(res.text, 'POST method is not allowed for [/foo]');
    assert.equal(res.headers['content-type'], undefined);
  }
});
