/**
 * A minimal PostgreSQL wire v3 client for load path L3 (spec/bench.md §3): Parse a single-row
 * INSERT once per connection, then per batch write N × (Bind, Execute) back to back and ONE Sync,
 * the way pgx batches (TSBS' CrateDB loader) do. node-postgres and postgres.js cannot do this:
 * both end every query with its own Sync.
 *
 *   startup (trust auth only) → Parse(name, sql, no types) + Sync → [Bind + Execute]×N + Sync …
 *
 * Parameters go in text format with unspecified type (OID 0), as in §3 L2/L3. A batch resolves
 * when its ReadyForQuery arrives, with the number of CommandCompletes and the first error.
 */
import { connect, type Socket } from 'node:net';
import { errorFields } from '../../test/helpers/pg-wire.js';

export interface BatchResult { commandCompletes: number; error?: string }

export class PipelineClient {
  private buf: Buffer = Buffer.alloc(0);
  private waiting?: { resolve(r: BatchResult): void; reject(e: Error): void; result: BatchResult };
  private closedError?: Error;

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (d: Buffer) => this.onData(d));
    const fail = (e: Error): void => {
      this.closedError ??= e;
      const w = this.waiting;
      this.waiting = undefined;
      w?.reject(e);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
  }

  static async connect(port: number, user: string, database: string): Promise<PipelineClient> {
    const socket = await new Promise<Socket>((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => resolve(s));
      s.once('error', reject);
    });
    const c = new PipelineClient(socket);
    const params = Buffer.from(`user\0${user}\0database\0${database}\0\0`, 'utf8');
    const head = Buffer.alloc(8);
    head.writeInt32BE(8 + params.length, 0);
    head.writeInt32BE(196608, 4);
    const done = c.expectReady();
    socket.write(Buffer.concat([head, params]));
    const r = await done;
    if (r.error) throw new Error(`startup failed: ${r.error}`);
    return c;
  }

  private expectReady(): Promise<BatchResult> {
    if (this.closedError) return Promise.reject(this.closedError);
    return new Promise((resolve, reject) => { this.waiting = { resolve, reject, result: { commandCompletes: 0 } }; });
  }

  private onData(d: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
    let pos = 0;
    while (this.buf.length - pos >= 5) {
      const len = this.buf.readInt32BE(pos + 1);
      if (this.buf.length - pos < len + 1) break;
      const type = this.buf[pos]!;
      const w = this.waiting;
      if (w) {
        if (type === 0x43 /* C */) w.result.commandCompletes++;
        else if (type === 0x45 /* E */) w.result.error ??= errorMessage(this.buf.subarray(pos + 5, pos + 1 + len));
        else if (type === 0x52 /* R */ && this.buf.readInt32BE(pos + 5) !== 0) {
          w.result.error ??= 'authentication other than trust is not supported';
        } else if (type === 0x5a /* Z */) {
          this.waiting = undefined;
          w.resolve(w.result);
        }
      }
      pos += len + 1;
    }
    this.buf = this.buf.subarray(pos);
  }

  /** Simple query; resolves at ReadyForQuery. */
  async query(sql: string): Promise<BatchResult> {
    const body = Buffer.from(sql + '\0', 'utf8');
    const msg = Buffer.alloc(5 + body.length);
    msg[0] = 0x51;
    msg.writeInt32BE(4 + body.length, 1);
    body.copy(msg, 5);
    const done = this.expectReady();
    this.socket.write(msg);
    return done;
  }

  /** Parse a named statement (no parameter types) and Sync. */
  async prepare(name: string, sql: string): Promise<void> {
    const body = Buffer.from(`${name}\0${sql}\0\0\0`, 'utf8');
    const msg = Buffer.alloc(5 + body.length + 5);
    msg[0] = 0x50;
    msg.writeInt32BE(4 + body.length, 1);
    body.copy(msg, 5);
    msg[5 + body.length] = 0x53;
    msg.writeInt32BE(4, 6 + body.length);
    const done = this.expectReady();
    this.socket.write(msg);
    const r = await done;
    if (r.error) throw new Error(`Parse failed: ${r.error}`);
  }

  /**
   * One batch: for each row one Bind (unnamed portal, statement `name`, text params) and one
   * Execute, then a single Sync. `rows[i]` holds the parameter texts of one row.
   */
  async batch(name: string, rows: readonly (readonly string[])[]): Promise<BatchResult> {
    const stmt = Buffer.from(name + '\0', 'utf8');
    const encoded = rows.map((r) => r.map((v) => Buffer.from(v, 'utf8')));
    let size = 5; // Sync
    for (const r of encoded) {
      size += 1 + 4 + 1 + stmt.length + 2 + 2 + 2; // Bind header: portal "", stmt, formats, count, result formats
      for (const v of r) size += 4 + v.length;
      size += 1 + 4 + 1 + 4; // Execute "" 0
    }
    const out = Buffer.alloc(size);
    let p = 0;
    for (const r of encoded) {
      let bindLen = 4 + 1 + stmt.length + 2 + 2 + 2;
      for (const v of r) bindLen += 4 + v.length;
      out[p++] = 0x42; // B
      out.writeInt32BE(bindLen, p); p += 4;
      out[p++] = 0; // unnamed portal
      p += stmt.copy(out, p);
      out.writeInt16BE(0, p); p += 2; // all parameters in text format
      out.writeInt16BE(r.length, p); p += 2;
      for (const v of r) { out.writeInt32BE(v.length, p); p += 4; p += v.copy(out, p); }
      out.writeInt16BE(0, p); p += 2; // result formats: default (text)
      out[p++] = 0x45; // E
      out.writeInt32BE(9, p); p += 4;
      out[p++] = 0;
      out.writeInt32BE(0, p); p += 4;
    }
    out[p++] = 0x53; // S
    out.writeInt32BE(4, p);
    const done = this.expectReady();
    this.socket.write(out);
    return done;
  }

  end(): void {
    const x = Buffer.from([0x58, 0, 0, 0, 4]);
    this.socket.end(x);
  }
}

function errorMessage(body: Buffer): string {
  const fields = errorFields(body);
  return `${fields.C ?? ''} ${fields.M ?? ''}`.trim();
}
