/**
 * The shell's core, the same for `-c`, stdin, `-f`, `\r` and the interactive prompt: input text →
 * backslash commands and SQL statements → HTTP `/_sql` → a crash output format on stdout, the
 * status line on stderr. Mirrors crash's `CrateShell` (crate/crash `command.py`):
 *
 *   SELECT 2 rows in set (0.001 sec)        statements with result columns
 *   CREATE OK, 1 row affected (0.012 sec)   the others
 *
 * The duration is the server's (`duration` of the response). Any failed statement makes the exit
 * code 1. Additions over crash: `\d TABLE`, `\timing` (client round-trip time), a caret under
 * the error position on a terminal, and a progress line for statements running over a second.
 */
import { commandNames, runCommand } from './commands.js';
import { isFormat, renderResult, type Format, type ResultSet } from './formats.js';
import { PyFloat, type PyValue } from './py-json.js';
import { ConnectError, SqlClient, SqlError, type ClientOptions, type ServerInfo, type SqlResult } from './sql-client.js';
import { isInsideLiteral, splitStatements, statementType } from './statements.js';

export interface ShellIO {
  /** stdout */
  out(text: string): void;
  /** stderr, one line each; coloured when stderr is a terminal */
  info(text: string): void;
  warn(text: string): void;
  critical(text: string): void;
  /** stderr without newline handling (progress line) */
  status(text: string): void;
  /** stdout is a terminal (crash's is_tty) */
  readonly isTty: boolean;
  /** stderr is a terminal: show error carets and progress */
  readonly isErrTty: boolean;
  /** output width for mixed/dynamic (crash: 80 unless interactive) */
  width(): number;
}

export class ExitRequest extends Error {
  constructor(readonly code: number) { super('exit'); }
}

export interface ShellOptions extends ClientOptions {
  hosts: string[];
  format: Format;
  autocomplete: boolean;
}

export class Shell {
  format: Format;
  exitCode = 0;
  timing = false;
  autocomplete: boolean;
  errorTrace: boolean;
  client: SqlClient;
  /** called after statements that may change tables or columns (completion refresh) */
  onSchemaChange: (() => void) | undefined;
  /** a statement is running (for Ctrl-C) */
  running: { sql: string; cancel: () => Promise<void> } | undefined;
  private connectInfo: { user: string | null; schema: string | null; cluster: string | null } = { user: null, schema: null, cluster: null };

  constructor(readonly io: ShellIO, private readonly options: ShellOptions) {
    this.format = options.format;
    this.autocomplete = options.autocomplete;
    this.errorTrace = options.errorTrace ?? false;
    this.client = new SqlClient(options.hosts, options);
  }

  get info(): { user: string | null; schema: string | null; cluster: string | null } { return this.connectInfo; }

  /** (Re)connect to `hosts`; returns the per-server results. */
  async connect(hosts: readonly string[] = this.client.hosts): Promise<ServerInfo[]> {
    this.client.close();
    this.client = new SqlClient(hosts, { ...this.options, errorTrace: this.errorTrace });
    const infos = await this.client.connect();
    if (this.client.isConnected) {
      try {
        const r = await this.client.sql('SELECT current_user, current_schema, name FROM sys.cluster');
        const [user, schema, cluster] = (r.rows[0] ?? []).map((v) => (typeof v === 'string' ? v : null));
        this.connectInfo = { user: user ?? null, schema: schema ?? null, cluster: cluster ?? null };
      } catch (e) {
        if (e instanceof SqlError) this.io.warn(`Could not load cluster information: ${e.message}`);
        this.connectInfo = { user: null, schema: null, cluster: null };
      }
    }
    return infos;
  }

  /** crash `_print_connect_result` */
  async printConnectResult(infos: ServerInfo[], verbose: boolean): Promise<void> {
    if (verbose) {
      this.pprint(['server_url', 'node_name', 'version', 'connected', 'message'],
        infos.sort((a, b) => a.url.localeCompare(b.url)).map((i) => [i.url, i.nodeName, i.version, i.connected, i.message]));
    }
    if (!this.client.isConnected) {
      this.io.critical('CONNECT ERROR');
      return;
    }
    this.io.info('CONNECT OK');
    if (verbose) await runCommand(this, 'check', undefined, { startup: true });
  }

  pprint(cols: string[], rows: PyValue[][], rowcount: PyValue = BigInt(rows.length), duration: PyValue = -1n): void {
    const result: ResultSet = { cols, rows, rowcount, duration };
    this.io.out(renderResult(this.format, result, { isTty: this.io.isTty, width: this.io.width() }));
  }

  setFormat(name: string): boolean {
    if (!isFormat(name)) return false;
    this.format = name;
    return true;
  }

  /**
   * crash `_process_lines`: a line starting with `\` is a command (the SQL gathered before it
   * runs first); everything else is SQL, split into statements at `;`.
   */
  async process(text: string): Promise<void> {
    let sql: string[] = [];
    for (const line of text.split('\n')) {
      const trimmed = line.trim();
      if (trimmed.startsWith('\\') && !isInsideLiteral(sql.join('\n'))) {
        await this.processSql(sql.join('\n'));
        sql = [];
        await this.command(trimmed.slice(1));
      } else {
        sql.push(line);
      }
    }
    await this.processSql(sql.join('\n'));
  }

  private async processSql(text: string): Promise<void> {
    for (const stmt of splitStatements(text)) await this.execAndPrint(stmt.sql.trim());
  }

  private async command(line: string): Promise<void> {
    const space = line.indexOf(' ');
    const name = (space < 0 ? line : line.slice(0, space)).toLowerCase().replace(/;+$/, '');
    const arg = space < 0 ? undefined : line.slice(space + 1).replace(/;+$/, '').trim();
    if (name === '') return;
    if (!commandNames().includes(name)) {
      this.io.critical('Unknown command. Type \\? for a full list of available commands.');
      return;
    }
    await runCommand(this, name, arg === '' ? undefined : arg);
  }

  /** Runs a statement; prints errors (not results). crash `_exec`. */
  async exec(sql: string, args?: readonly unknown[]): Promise<SqlResult | undefined> {
    const started = process.hrtime.bigint();
    const progress = this.io.isErrTty ? this.startProgress(sql) : undefined;
    this.running = { sql, cancel: () => this.cancel(sql) };
    try {
      const result = await this.client.sql(sql, args);
      if (this.timing) this.timingLine(started);
      return result;
    } catch (e) {
      if (this.timing) this.timingLine(started);
      if (e instanceof ConnectError) {
        if (this.errorTrace) this.io.warn(e.message);
        this.io.warn('Use \\connect <server> to connect to one or more servers first.');
      } else if (e instanceof SqlError) {
        this.io.critical(e.message);
        this.showPosition(sql, e.message);
        if (this.errorTrace && e.errorTrace) this.io.critical(`\n${e.errorTrace}`);
      } else {
        this.io.critical((e as Error).message);
      }
      return undefined;
    } finally {
      this.running = undefined;
      progress?.stop();
    }
  }

  /** crash `_exec_and_print` */
  async execAndPrint(sql: string): Promise<boolean> {
    return (await this.execAndPrintWithArgs(sql, undefined, statementType(sql))) !== undefined;
  }

  /** Runs and prints a statement with parameters; returns the number of rows, undefined on error. */
  async execAndPrintWithArgs(sql: string, args: readonly unknown[] | undefined, command: string): Promise<number | undefined> {
    const result = await this.exec(sql, args);
    if (result === undefined) {
      this.exitCode = 1;
      return undefined;
    }
    const duration = durationText(result.duration);
    const rowcount = result.rowcount;
    const s = rowcount === 1n ? '' : 's';
    const count = typeof rowcount === 'bigint' ? rowcount.toString() : String(rowcount instanceof PyFloat ? rowcount.value : rowcount);
    if (result.cols.length > 0) {
      this.pprint(result.cols, result.rows, rowcount, result.duration);
      this.io.info(`${command} ${count} row${s} in set${duration}`);
    } else {
      this.io.info(`${command} OK, ${count} row${s} affected${duration}`);
      if (/^(CREATE|DROP|ALTER)$/.test(command)) this.onSchemaChange?.();
    }
    return result.rows.length;
  }

  /** `\timing`: the client-side round trip, psql's wording. */
  private timingLine(started: bigint): void {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    this.io.info(`Time: ${ms.toFixed(3)} ms`);
  }

  /**
   * CrateDB reports syntax errors as `… line L:C: …`; on a terminal, show that line of the
   * statement with a caret under the column.
   */
  private showPosition(sql: string, message: string): void {
    if (!this.io.isErrTty) return;
    const m = /\bline (\d+):(\d+)\b/.exec(message);
    if (!m) return;
    const line = sql.split('\n')[Number(m[1]) - 1];
    const column = Number(m[2]);
    if (line === undefined || column < 1 || column > line.length + 1) return;
    this.io.critical(`  ${line}`);
    this.io.critical(`  ${' '.repeat(column - 1)}^`);
  }

  /** Ctrl-C while a statement runs: KILL its job over a second connection (the session is kept). */
  private async cancel(sql: string): Promise<void> {
    const side = new SqlClient(this.client.activeServers, this.options);
    try {
      await side.connect();
      const [id] = await findJob(side, sql);
      if (typeof id === 'string') {
        await side.sql('KILL ?', [id]).catch(async () => side.sql(`KILL '${id.replace(/'/g, "''")}'`));
        if (this.io.isErrTty) this.io.status('\r\x1b[2K');
        this.io.warn(`Cancelled job ${id}`);
      } else {
        this.client.abort();
      }
    } catch {
      this.client.abort();
    } finally {
      side.close();
    }
  }

  /**
   * After a second, a status line on stderr: elapsed time, the job id from sys.jobs (to KILL it
   * from elsewhere) and, for COPY, the progress the server appends to the job's `stmt` as a
   * comment (`… /* progress: 120000 rows written, … *\/`). Polled over a second connection, so
   * the session's own one stays busy.
   */
  private startProgress(sql: string): { stop(): void } {
    const started = Date.now();
    let side: SqlClient | undefined;
    let jobId: string | undefined;
    let detail = '';
    let shown = false;
    let polling = false;
    const tick = async (): Promise<void> => {
      if (polling) return;
      polling = true;
      try {
        if (side === undefined) {
          side = new SqlClient(this.client.activeServers, this.options);
          await side.connect();
        }
        const [id, stmt] = jobId === undefined
          ? await findJob(side, sql)
          : (await side.sql('SELECT id, stmt FROM sys.jobs WHERE id = ?', [jobId])).rows[0] ?? [];
        if (typeof id === 'string') jobId = id;
        if (typeof stmt === 'string') detail = progressOf(stmt);
      } catch {
        // progress is best effort
      } finally {
        polling = false;
      }
      if (timer === undefined) return;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      this.io.status(`\r\x1b[2K${statementType(sql)} running ${seconds} s${detail ? ` · ${detail}` : ''}${jobId ? ` · job ${jobId}` : ''} · Ctrl-C cancels`);
      shown = true;
    };
    let timer: NodeJS.Timeout | undefined = setTimeout(function again(this: void) {
      void tick();
      timer = setTimeout(again, 500);
    }, 1000);
    return {
      stop: () => {
        clearTimeout(timer);
        timer = undefined;
        if (shown) this.io.status('\r\x1b[2K');
        side?.close();
      },
    };
  }

  close(): void {
    this.client.close();
  }
}

/** crash: ` ({duration / 1000:.3f} sec)` when the server sent a duration. */
function durationText(d: PyValue): string {
  const ms = typeof d === 'bigint' ? Number(d) : d instanceof PyFloat ? d.value : -1;
  if (!(ms > -1)) return '';
  return ` (${pyFixed(ms / 1000, 3)} sec)`;
}

/** Python's `'{:.3f}'.format(x)`: like toFixed, but exact ties round to even. */
export function pyFixed(x: number, digits: number): string {
  const scaled = x * 10 ** digits;
  if (Number.isFinite(scaled) && Math.abs(scaled) < 2 ** 52 && scaled - Math.trunc(scaled) === 0.5 * Math.sign(scaled)) {
    const down = Math.trunc(scaled);
    const even = down % 2 === 0 ? down : down + Math.sign(scaled);
    return (even / 10 ** digits).toFixed(digits);
  }
  return x.toFixed(digits);
}

export { isFormat };

/**
 * `[id, stmt]` of the newest running job of statement `sql`: its stmt is the statement as sent,
 * plus a progress comment while a COPY runs.
 */
async function findJob(side: SqlClient, sql: string): Promise<unknown[]> {
  const r = await side.sql('SELECT id, stmt FROM sys.jobs WHERE substr(stmt, 1, ?) = ? ORDER BY started DESC LIMIT 1', [sql.length, sql]);
  return r.rows[0] ?? [];
}

/** `120000 rows written, 1 failed, …` from a job's `stmt … /* progress: … *\/`; '' when none */
export function progressOf(stmt: string): string {
  const m = /\/\* progress: (.*) \*\/$/.exec(stmt);
  return m ? m[1]! : '';
}
