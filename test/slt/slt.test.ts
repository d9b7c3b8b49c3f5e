/**
 * node:test entry for the SQL logic tests: starts ONE cratelite server (test/helpers/server.ts),
 * then one test per `.slt` file and one subtest per record, named `file:line`. Records listed in
 * known-failures.txt run as `todo`. Format and rules: runner.ts.
 *
 * `CRATELITE_SLT_URL=http://host:port` runs the files against an already running server instead
 * (e.g. a real CrateDB, to check the expectations themselves).
 */
import { after, before, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type TestServer } from '../helpers/server.js';
import { HttpConnection } from './connection.js';
import { discoverSltFiles, readKnownFailures, recordId, SLT_DIR } from './files.js';
import { isSkipped, parseSlt } from './parser.js';
import { resetDatabase, runRecord } from './runner.js';

const files = discoverSltFiles();
const known = readKnownFailures();
let server: TestServer | undefined;
let baseUrl = process.env.CRATELITE_SLT_URL ?? '';

before(async () => {
  if (!baseUrl) {
    server = await startServer();
    baseUrl = server.httpUrl;
  }
});

after(async () => {
  await server?.close();
});

for (const file of files) {
  test(file, async (t) => {
    const records = parseSlt(readFileSync(join(SLT_DIR, file), 'utf8'), file);
    const conn = new HttpConnection(baseUrl);
    try {
      const problems = await resetDatabase(conn);
      if (problems.length > 0) t.diagnostic(`reset: ${problems.length} cleanup statement(s) failed, first: ${problems[0]}`);
      for (const record of records) {
        const id = recordId(file, record.line);
        if (record.kind === 'halt') {
          if (!isSkipped(record, conn.protocol)) break;
          continue;
        }
        if (isSkipped(record, conn.protocol)) {
          await t.test(id, { skip: `not for ${conn.protocol}` }, () => {});
          continue;
        }
        const isKnown = known.has(id);
        await t.test(id, { todo: isKnown ? 'listed in known-failures.txt' : false }, async (st) => {
          const outcome = await runRecord(conn, record);
          if (outcome.status === 'fail') throw new Error(`${id}: ${outcome.message}`);
          if (isKnown) st.diagnostic(`${id} passes now: remove it from known-failures.txt`);
        });
      }
    } finally {
      await conn.close();
    }
  });
}
