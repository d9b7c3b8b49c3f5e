/**
 * The extended query protocol (pgwire.md §5, §6): Parse, Bind, Describe, Execute, Close, Flush,
 * Sync, with named/unnamed statements and portals.
 *
 *   Parse     parse + analyse now (errors here, not at Execute) → ParseComplete
 *   Bind      decode parameters by the declared types           → BindComplete
 *   Describe  S: ParameterDescription + RowDescription|NoData;  P: RowDescription|NoData
 *   Execute   result sets: DataRow* + CommandComplete, or PortalSuspended at the row limit
 *             (CrateDB looks one row ahead: ending exactly at the limit is CommandComplete)
 *             writes (INSERT/UPDATE/DELETE/COPY FROM): deferred, nothing sent yet
 *   Flush     run deferred writes, push output
 *   Sync      run deferred writes (≥ 2 of one statement = bulk: a failing row gives `INSERT 0 -3`);
 *             a run of Executes of one INSERT goes in as one column-wise batch
 *             (Session.executeInsertBatch), with one CommandComplete per Execute
 *             → ReadyForQuery 'E' after a synchronous error, else 'T' in a BEGIN block, else 'I'
 *
 * Synchronous errors (parse/analysis, unknown names, parameter decoding…) are thrown to the
 * connection, which answers ErrorResponse and skips messages until Sync. Errors while a
 * statement runs are answered here and do not enter that state (§5.9).
 */
import { SQLParseException } from '../../errors/errors.js';
import { CollectingSink } from '../../session/result-sink.js';
import type { Statement } from '../../sql/ast/index.js';
import { Lru } from '../../session/lru.js';
import { parseCached, parseManyCached } from '../../session/statement-cache.js';
import { decodeBindParams, ParamMemo } from './bind-params.js';
import { dataTypeOfOid, parameterOid } from './codecs/type-oids.js';
import { BULK_ITEM_FAILED, commandTag } from './command-tag.js';
import {
  formatAt, ProtocolViolation, type Bind, type Close, type Describe, type Execute, type Parse,
} from './frontend-messages.js';
import type { TransactionStatus } from './messages/backend-messages.js';
import { cellEncoder, fieldDescriptions, PgResultSink } from './pg-result-sink.js';
import { isDeferredWrite, type Portal, type PreparedStatement } from './prepared.js';
import type { QueryHost } from './query-host.js';

const STATEMENT = 'S'.charCodeAt(0);
const PORTAL = 'P'.charCodeAt(0);

const INSERT_CACHE_SIZE = 8;

const insertCacheKey = (msg: Parse): string => `${msg.paramOids.join(',')}|${msg.query}`;

export class ExtendedQuery {
  private readonly statements = new Map<string, PreparedStatement>();
  private readonly portals = new Map<string, Portal>();
  private deferred: Portal[] = [];
  /** a synchronous error happened since the last Sync: skip everything until Sync */
  skipping = false;
  /** a BEGIN ran via the extended protocol and no COMMIT since */
  private inTransaction = false;
  /** recently decoded parameters of deferred INSERTs, by type and text (never mutated) */
  private readonly insertParams = new ParamMemo();
  /** recent INSERT Parses, by text and declared types (see `cachedInsert`) */
  private readonly insertCache = new Lru<{ prepared: PreparedStatement; catalogVersion: number; searchPath: string }>(INSERT_CACHE_SIZE);

  constructor(private readonly host: QueryHost) {}

  async parse(msg: Parse): Promise<void> {
    const declared = msg.paramOids.map(dataTypeOfOid);
    let prepared: PreparedStatement;
    let many;
    const cached = this.cachedInsert(msg);
    if (cached) {
      prepared = { ...cached, name: msg.statement };
    } else if ((many = parseManyCached(msg.query)).length === 0) {
      prepared = { name: msg.statement, sql: msg.query, statement: undefined, paramTypes: declared, columns: undefined, deferred: false };
    } else {
      // one statement only (42601 otherwise); a long text is parsed once here, not twice
      const statement = many.length === 1 ? many[0]!.statement : parseCached(msg.query);
      const description = await this.host.session.describe(msg.query, declared);
      // declared types, else the types CrateDB infers from the context (`id = $1` → integer)
      const paramTypes = [...description.parameterTypes];
      prepared = {
        name: msg.statement, sql: msg.query, statement, paramTypes, columns: description.columns,
        deferred: isDeferredWrite(statement, description.columns),
      };
      if (statement.kind === 'Insert') this.cacheInsert(msg, prepared);
    }
    // re-Parse of an existing name replaces it silently (CrateDB; PostgreSQL would raise 42P05)
    this.statements.set(msg.statement, prepared);
    this.host.writer.parseComplete();
  }

  /**
   * Bulk loaders Parse the same INSERT text for every batch (node-postgres, psycopg, pgx: an
   * unnamed statement each time, thousands of parameters in a multi-row INSERT); its parse and
   * description are kept while the catalog and the search path stay the same.
   */
  private cachedInsert(msg: Parse): PreparedStatement | undefined {
    const hit = this.insertCache.get(insertCacheKey(msg));
    if (!hit || hit.catalogVersion !== this.catalogVersion() || hit.searchPath !== this.searchPath()) return undefined;
    return hit.prepared;
  }

  private cacheInsert(msg: Parse, prepared: PreparedStatement): void {
    this.insertCache.set(insertCacheKey(msg), { prepared, catalogVersion: this.catalogVersion(), searchPath: this.searchPath() });
  }

  private catalogVersion(): number { return this.host.session.db.catalog.version; }
  private searchPath(): string { return this.host.session.settings.searchPath.join('\0'); }

  bind(msg: Bind): void {
    const statement = this.statements.get(msg.statement);
    if (!statement) throw new SQLParseException(`No statement found with name: ${msg.statement}`);
    const types = statement.paramTypes;
    if (msg.count > types.length) {
      throw new SQLParseException(`Requested parameter index exceeds the number of parameters: ${types.length}`);
    }
    const argTypes = msg.count === types.length ? types : types.slice(0, msg.count);
    // batched INSERTs repeat the same texts (tags objects, timestamps, values), batch after batch: decode each once
    const memo = statement.deferred && statement.statement?.kind === 'Insert' ? this.insertParams : undefined;
    const args = decodeBindParams(msg, types, memo);
    // binding to an existing portal name replaces it, named portals too (CrateDB)
    this.portals.set(msg.portal, {
      name: msg.portal, statement, args, argTypes, resultFormats: msg.resultFormats, offset: 0, done: false,
    });
    this.host.writer.bindComplete();
  }

  describe(msg: Describe): void {
    const w = this.host.writer;
    if (msg.target === STATEMENT) {
      const statement = this.statement(msg.name);
      w.parameterDescription(statement.paramTypes.map(parameterOid));
      if (statement.columns) w.rowDescription(fieldDescriptions(statement.columns, []));
      else w.noData();
    } else if (msg.target === PORTAL) {
      const portal = this.portal(msg.name);
      const columns = portal.statement.columns;
      if (columns) w.rowDescription(fieldDescriptions(columns, portal.resultFormats));
      else w.noData();
    } else {
      throw new ProtocolViolation(`Invalid describe type: ${String.fromCharCode(msg.target)}`);
    }
  }

  /** Undefined (no promise) when the execution is deferred. */
  execute(msg: Execute): Promise<void> | undefined {
    const portal = this.portal(msg.portal);
    const { statement } = portal;
    if (!statement.statement) {
      this.portals.delete(portal.name);
      this.host.writer.emptyQueryResponse();
      return undefined;
    }
    if (statement.deferred) {
      this.deferred.push(portal);
      return undefined;
    }
    if (this.deferred.length > 0) throw new SQLParseException('Only write operations are allowed in Batch statements');
    return this.run(portal, statement.statement, msg.maxRows);
  }

  /** Run deferred writes now; output follows (pgwire.md §5.6). */
  async flush(): Promise<void> {
    await this.runDeferred();
  }

  async sync(): Promise<TransactionStatus> {
    if (this.skipping) {
      this.skipping = false;
      this.deferred = [];
      return 'E';
    }
    await this.runDeferred();
    return this.inTransaction ? 'T' : 'I';
  }

  close(msg: Close): void {
    if (msg.target === STATEMENT) this.dropStatement(msg.name);
    else if (msg.target === PORTAL) this.portals.delete(msg.name);
    else throw new ProtocolViolation(`Invalid close type: ${String.fromCharCode(msg.target)}`);
    this.host.writer.closeComplete();
  }

  /** DEALLOCATE / DISCARD ALL / COMMIT reach the protocol state here (any protocol). */
  onStatement(statement: Statement): void {
    if (statement.kind === 'Deallocate') {
      if (statement.name === 'ALL') this.dropAll();
      else this.dropStatement(statement.name);
    } else if (statement.kind === 'Discard' && statement.what === 'ALL') {
      this.dropAll();
      this.inTransaction = false;
    } else if (statement.kind === 'Commit') {
      this.inTransaction = false;
    }
  }

  /** CancelRequest: deferred executions are discarded (pgwire.md §9). */
  cancelDeferred(): void { this.deferred = []; }

  private async run(portal: Portal, statement: Statement, maxRows: number): Promise<void> {
    const w = this.host.writer;
    const { sql, columns } = portal.statement;
    if (portal.done) {
      w.commandComplete(commandTag(sql, 0));
      return;
    }
    try {
      this.host.beforeStatement(statement);
      if (columns && (maxRows > 0 || portal.rows)) {
        await this.serveSlice(portal, maxRows);
        return;
      }
      const sink = new PgResultSink(this.host, { describe: false, resultFormats: portal.resultFormats, announced: columns });
      await this.host.session.execute(sql, portal.args, sink, { argTypes: portal.argTypes });
      portal.done = true;
      if (statement.kind === 'Begin') this.inTransaction = true;
      w.commandComplete(commandTag(sql, sink.hasResultSet ? sink.rowsSent : sink.rowCount));
    } catch (e) {
      this.host.errorResponse(e);
    }
  }

  /** Row-limited Execute: materialise the result once, then send `maxRows` per Execute. */
  private async serveSlice(portal: Portal, maxRows: number): Promise<void> {
    if (!portal.rows) {
      const collected = new CollectingSink();
      await this.host.session.execute(portal.statement.sql, portal.args, collected, { argTypes: portal.argTypes });
      portal.rows = collected.rows;
      portal.rowColumns = collected.cols ?? [];
    }
    const announced = portal.statement.columns!;
    const types = announced.length === portal.rowColumns!.length ? announced : portal.rowColumns!;
    const encoders = types.map((c, i) => cellEncoder(c, formatAt(portal.resultFormats, i)));
    const end = maxRows > 0 ? Math.min(portal.rows.length, portal.offset + maxRows) : portal.rows.length;
    const sent = end - portal.offset;
    for (let r = portal.offset; r < end; r++) {
      this.host.writer.dataRow(portal.rows[r]!.map((v, c) => encoders[c]!(v)));
      if (this.host.writer.pending >= 256 * 1024) await this.host.flush();
    }
    portal.offset = end;
    if (end < portal.rows.length) {
      this.host.writer.portalSuspended();
      return;
    }
    portal.done = true;
    portal.rows = [];
    this.host.writer.commandComplete(commandTag(portal.statement.sql, sent));
  }

  private async runDeferred(): Promise<void> {
    if (this.deferred.length === 0) return;
    const batch = this.deferred;
    this.deferred = [];
    const perStatement = new Map<PreparedStatement, number>();
    for (const p of batch) perStatement.set(p.statement, (perStatement.get(p.statement) ?? 0) + 1);
    for (let start = 0; start < batch.length;) {
      // a run of executions of one statement: INSERTs go in as one column-wise batch
      const statement = batch[start]!.statement;
      let end = start + 1;
      while (end < batch.length && batch[end]!.statement === statement) end++;
      const run = start === 0 && end === batch.length ? batch : batch.slice(start, end);
      start = end;
      const bulk = (perStatement.get(statement) ?? 0) >= 2;
      if (run.length >= 2 && statement.statement?.kind === 'Insert' && await this.runInsertBatch(statement, run, bulk)) continue;
      for (const portal of run) await this.runDeferredOne(portal, bulk);
    }
  }

  /** Deferred executions of one INSERT as one batch; false when the statement does not qualify. */
  private async runInsertBatch(statement: PreparedStatement, run: readonly Portal[], bulk: boolean): Promise<boolean> {
    const { sql } = statement;
    let results;
    try {
      this.host.beforeStatement(statement.statement!);
      results = await this.host.session.executeInsertBatch(sql, statement.statement!, run.map((p) => p.args), run[0]!.argTypes);
    } catch (e) {
      // the whole batch failed (cancelled, timed out …): every execution reports it
      for (let i = 0; i < run.length; i++) this.reportDeferredError(sql, e, bulk);
      return true;
    }
    if (!results) return false;
    const written = commandTag(sql, 1);
    for (const r of results) {
      if (r.error) this.reportDeferredError(sql, r.error, bulk);
      else this.host.writer.commandComplete(r.rowCount === 1 ? written : commandTag(sql, r.rowCount));
    }
    return true;
  }

  private async runDeferredOne(portal: Portal, bulk: boolean): Promise<void> {
    const { sql, statement } = portal.statement;
    const sink = new PgResultSink(this.host, { describe: false, resultFormats: [] });
    try {
      if (statement) this.host.beforeStatement(statement);
      // the parse of Parse is reused: a large multi-row INSERT is not parsed again
      await (statement?.kind === 'Insert'
        ? this.host.session.executeParsed(sql, statement, portal.args, sink, { argTypes: portal.argTypes })
        : this.host.session.execute(sql, portal.args, sink, { argTypes: portal.argTypes }));
      this.host.writer.commandComplete(commandTag(sql, sink.rowCount));
    } catch (e) {
      this.reportDeferredError(sql, e, bulk);
    }
  }

  /** A failing row of a bulk (≥ 2 deferred Executes of one statement) is `-3`, not an error. */
  private reportDeferredError(sql: string, e: unknown, bulk: boolean): void {
    if (bulk) this.host.writer.commandComplete(commandTag(sql, BULK_ITEM_FAILED));
    else this.host.errorResponse(e);
  }

  private statement(name: string): PreparedStatement {
    const s = this.statements.get(name);
    if (!s) throw new SQLParseException(`No statement found with name: ${name}`);
    return s;
  }

  private portal(name: string): Portal {
    const p = this.portals.get(name);
    if (!p) throw new SQLParseException(`No portal found with name: ${name}`);
    return p;
  }

  private dropStatement(name: string): void {
    const s = this.statements.get(name);
    if (!s) return;
    this.statements.delete(name);
    for (const [k, p] of this.portals) if (p.statement === s) this.portals.delete(k);
  }

  private dropAll(): void {
    this.statements.clear();
    this.portals.clear();
  }
}
