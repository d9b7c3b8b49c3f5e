/** `GET /` node info document and browser detection (http.md §2, §6). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isBrowser, nodeInfoJson } from '../../../../src/protocol/http/main-handler.js';
import { CRATE_VERSION } from '../../../../src/session/version.js';

test('node info is pretty-printed like Jackson', () => {
  assert.equal(nodeInfoJson(200, { nodeName: 'node-1', clusterName: 'crate' }), `{
  "ok" : true,
  "status" : 200,
  "name" : "node-1",
  "cluster_name" : "crate",
  "version" : {
    "number" : "${CRATE_VERSION}",
    "build_hash" : "NA",
    "build_timestamp" : "NA",
    "build_snapshot" : false,
    "lucene_version" : "10.5.0"
  }
}
`);
});

test('an empty node name is left out', () => {
  const doc = JSON.parse(nodeInfoJson(200, { nodeName: '', clusterName: 'c' }));
  assert.deepEqual(Object.keys(doc), ['ok', 'status', 'cluster_name', 'version']);
  assert.match(doc.version.number, /^\d+\.\d+\.\d+$/);
});

test('browser detection looks at the first User-Agent token', () => {
  assert.equal(isBrowser('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36'), true);
  assert.equal(isBrowser('Opera/9.80 (Windows NT 6.0) Presto/2.12.388 Version/12.14'), true);
  assert.equal(isBrowser('curl/8.0.1'), false);
  assert.equal(isBrowser('python-urllib3/2.0'), false);
  assert.equal(isBrowser('MozillaFirefox'), false);
  assert.equal(isBrowser(undefined), false);
});
