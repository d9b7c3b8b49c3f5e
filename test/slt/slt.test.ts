/**
 * node:test entry for the SQL logic tests: starts ONE cratelite server (test/helpers/server.ts),
 * then runs every `.slt` file once over HTTP and once over PostgreSQL (test names prefixed
 * `http:` / `pg:`), one subtest per record, named `file:line`. Records listed in
 * known-failures.txt (plain or with the protocol's prefix) run as `todo`. Format and rules:
 * runner.ts.
 *
 * `CRATELITE_SLT_URL=http://host:port` runs the files against an already running server instead
 * (e.g. a real CrateDB, to check the expectations themselves); add `CRATELITE_SLT_PG_PORT=5432`
 * to include the PG run there.
 */
import { after, before, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type TestServer } from '../helpers/server.js';
import { HttpConnection, type Connection } from './connection.js';
import { discoverSltFiles, isKnownFailure, readKnownFailures, recordId, SLT_DIR } from './files.js';
import { isSkipped, parseSlt, type Protocol } from './parser.js';
import { PgConnection } from './pg-connection.js';
import { resetDatabase, runRecord } from './runner.js';

const files = discoverSltFiles();
const known = readKnownFailures();
let server: TestServer | undefined;
let baseUrl = process.env.CRATELITE_SLT_URL ?? '';
let pgPort = Number(process.env.CRATELITE_SLT_PG_PORT ?? 0);
const external = baseUrl !== '';

before(async () => {
  if (!external) {
    server = await startServer();
    baseUrl = server.httpUrl;
    pgPort = server.pgPort;
  }
});

after(async () => {
  await server?.close();
});

function open(protocol: Protocol): Connection {
  return protocol === 'http' ? new HttpConnection(baseUrl) : new PgConnection(pgPort, new URL(baseUrl).hostname);
}

for (const protocol of ['http', 'pg'] as const) {
  for (const file of files) {
    test(`${protocol}: ${file}`, { skip: protocol === 'pg' && external && !pgPort ? 'CRATELITE_SLT_PG_PORT not set' : false }, async (t) => {
      const records = parseSlt(readFileSync(join(SLT_DIR, file), 'utf8'), file);
      const conn = open(protocol);
      try {
        const problems = await resetDatabase(conn);
        if (problems.length > 0) t.diagnostic(`reset: ${problems.length} cleanup statement(s) failed, first: ${problems[0]}`);
        for (const record of records) {
          const id = recordId(file, record.line);
          if (record.kind === 'halt') {
            if (!isSkipped(record, protocol)) break;
            continue;
          }
          if (isSkipped(record, protocol)) {
            await t.test(id, { skip: `not for ${protocol}` }, () => {});
            continue;
          }
          const isKnown = isKnownFailure(known, protocol, id);
          await t.test(id, { todo: isKnown ? 'listed in known-failures.txt' : false }, async (st) => {
            const outcome = await runRecord(conn, record);
            if (outcome.status === 'fail') throw new Error(`${protocol}: ${id}: ${outcome.message}`);
            if (isKnown) st.diagnostic(`${protocol}: ${id} passes now: remove it from known-failures.txt`);
          });
        }
      } finally {
        await conn.close();
      }
    });
  }
}
