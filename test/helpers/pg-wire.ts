/**
 * A tiny PostgreSQL wire toolkit for tests: builders for frontend messages (byte-exact, so
 * tests can also send malformed ones), a decoder for backend messages into readable objects,
 * and a raw socket client that can split what it sends into random fragments.
 */
import { connect, type Socket } from 'node:net';

// ─── frontend builders ───────────────────────────────────────────────────────

const cstr = (s: string): Buffer => Buffer.concat([Buffer.from(s, 'utf8'), Buffer.from([0])]);
const i16 = (n: number): Buffer => { const b = Buffer.alloc(2); b.writeInt16BE(n); return b; };
const i32 = (n: number): Buffer => { const b = Buffer.alloc(4); b.writeInt32BE(n); return b; };

/** `type | int32 length | payload` */
export function message(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from(type, 'latin1'), i32(body.length + 4), body]);
}

/** A first packet: `int32 length | int32 code | payload` */
export function firstPacket(code: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat([i32(code), ...parts]);
  return Buffer.concat([i32(body.length + 4), body]);
}

export const fe = {
  startup(params: Record<string, string>, minor = 0): Buffer {
    const pairs = Object.entries(params).flatMap(([k, v]) => [cstr(k), cstr(v)]);
    return firstPacket((3 << 16) | minor, ...pairs, Buffer.from([0]));
  },
  sslRequest: (): Buffer => firstPacket(80877103),
  gssencRequest: (): Buffer => firstPacket(80877104),
  cancelRequest: (pid: number, secret: number): Buffer => firstPacket(80877102, i32(pid), i32(secret)),
  query: (sql: string): Buffer => message('Q', cstr(sql)),
  parse: (name: string, sql: string, oids: number[] = []): Buffer =>
    message('P', cstr(name), cstr(sql), i16(oids.length), ...oids.map(i32)),
  bind(portal: string, statement: string, values: (string | Buffer | null)[] = [],
    paramFormats: number[] = [], resultFormats: number[] = []): Buffer {
    const vals = values.flatMap((v) => {
      if (v === null) return [i32(-1)];
      const b = typeof v === 'string' ? Buffer.from(v, 'utf8') : v;
      return [i32(b.length), b];
    });
    return message('B', cstr(portal), cstr(statement), i16(paramFormats.length), ...paramFormats.map(i16),
      i16(values.length), ...vals, i16(resultFormats.length), ...resultFormats.map(i16));
  },
  describe: (kind: 'S' | 'P', name: string): Buffer => message('D', Buffer.from(kind), cstr(name)),
  execute: (portal: string, maxRows = 0): Buffer => message('E', cstr(portal), i32(maxRows)),
  close: (kind: 'S' | 'P', name: string): Buffer => message('C', Buffer.from(kind), cstr(name)),
  sync: (): Buffer => message('S'),
  flush: (): Buffer => message('H'),
  terminate: (): Buffer => message('X'),
};

// ─── backend decoding ────────────────────────────────────────────────────────

export interface BackendMessage {
  type: string;
  /** readable form, e.g. `Z I`, `C SELECT 1`, `D ["1",null]`, `E XX000 message` */
  text: string;
  body: Buffer;
}

/** Split server bytes into messages; `rest` holds an incomplete tail. The SSL answer byte is not handled here. */
export function splitBackend(buf: Buffer): { messages: BackendMessage[]; rest: Buffer } {
  const messages: BackendMessage[] = [];
  let pos = 0;
  while (buf.length - pos >= 5) {
    const len = buf.readInt32BE(pos + 1);
    if (buf.length - pos < len + 1) break;
    const type = String.fromCharCode(buf[pos]!);
    const body = buf.subarray(pos + 5, pos + 1 + len);
    messages.push({ type, body, text: describeBackend(type, body) });
    pos += len + 1;
  }
  return { messages, rest: buf.subarray(pos) };
}

function cstrings(body: Buffer, from = 0): string[] {
  return body.toString('utf8', from).split('\0');
}

export function describeBackend(type: string, body: Buffer): string {
  switch (type) {
    case 'R': return `R ${body.readInt32BE(0)}`;
    case 'S': { const [n, v] = cstrings(body); return `S ${n}=${v}`; }
    case 'K': return 'K';
    case 'Z': return `Z ${String.fromCharCode(body[0]!)}`;
    case 'C': return `C ${cstrings(body)[0]}`;
    case 'E': return `E ${errorFields(body).C} ${errorFields(body).M}`;
    case 'T': return `T ${rowDescription(body).map((f) => `${f.name}:${f.typeOid}:${f.format}`).join(',')}`;
    case 'D': return `D ${JSON.stringify(dataRow(body).map((c) => (c === null ? null : c.toString('utf8'))))}`;
    case 't': {
      const n = body.readInt16BE(0);
      return `t ${Array.from({ length: n }, (_, i) => body.readInt32BE(2 + i * 4)).join(',')}`;
    }
    case 'v': return `v ${body.readInt32BE(0)} ${body.readInt32BE(4)}`;
    default: return type;
  }
}

export function errorFields(body: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < body.length && body[pos] !== 0) {
    const key = String.fromCharCode(body[pos]!);
    const end = body.indexOf(0, pos + 1);
    out[key] = body.toString('utf8', pos + 1, end);
    pos = end + 1;
  }
  return out;
}

export interface Field { name: string; tableOid: number; attnum: number; typeOid: number; typlen: number; typmod: number; format: number }

export function rowDescription(body: Buffer): Field[] {
  const n = body.readInt16BE(0);
  const out: Field[] = [];
  let pos = 2;
  for (let i = 0; i < n; i++) {
    const end = body.indexOf(0, pos);
    const name = body.toString('utf8', pos, end);
    pos = end + 1;
    out.push({
      name, tableOid: body.readInt32BE(pos), attnum: body.readInt16BE(pos + 4), typeOid: body.readInt32BE(pos + 6),
      typlen: body.readInt16BE(pos + 10), typmod: body.readInt32BE(pos + 12), format: body.readInt16BE(pos + 16),
    });
    pos += 18;
  }
  return out;
}

export function dataRow(body: Buffer): (Buffer | null)[] {
  const n = body.readInt16BE(0);
  const out: (Buffer | null)[] = [];
  let pos = 2;
  for (let i = 0; i < n; i++) {
    const len = body.readInt32BE(pos);
    pos += 4;
    if (len < 0) out.push(null);
    else { out.push(body.subarray(pos, pos + len)); pos += len; }
  }
  return out;
}

// ─── raw client ──────────────────────────────────────────────────────────────

/** Deterministic pseudo-random numbers (mulberry32), so a failing fragmentation can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cut `buf` into pieces of 1..maxPiece bytes. */
export function fragment(buf: Buffer, random: () => number, maxPiece = 7): Buffer[] {
  const out: Buffer[] = [];
  for (let pos = 0; pos < buf.length;) {
    const n = 1 + Math.floor(random() * maxPiece);
    out.push(buf.subarray(pos, pos + n));
    pos += n;
  }
  return out;
}

export class RawPgClient {
  private received: Buffer = Buffer.alloc(0);
  /** messages split off `received` so far (parsed incrementally: large results stay linear) */
  private parsed: BackendMessage[] = [];
  private waiters: (() => void)[] = [];
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (d: Buffer) => { this.received = this.received.length ? Buffer.concat([this.received, d]) : d; this.wake(); });
    socket.on('close', () => { this.closed = true; this.wake(); });
    socket.on('error', () => { /* reported through `closed` */ });
  }

  static connect(port: number): Promise<RawPgClient> {
    return new Promise((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => resolve(new RawPgClient(s)));
      s.once('error', reject);
    });
  }

  private wake(): void { for (const w of this.waiters.splice(0)) w(); }

  /** Send bytes, optionally in random fragments with a pause between some of them. */
  async send(buf: Buffer, random?: () => number): Promise<void> {
    if (!random) { this.socket.write(buf); return; }
    for (const piece of fragment(buf, random)) {
      this.socket.write(piece);
      if (random() < 0.2) await new Promise((r) => setImmediate(r));
    }
  }

  /** Wait for `n` raw bytes (the SSL answer), before any message was read. */
  async readBytes(n: number, timeoutMs = 5000): Promise<Buffer> {
    await this.until(() => this.received.length >= n, timeoutMs);
    const out = this.received.subarray(0, n);
    this.received = this.received.subarray(n);
    return out;
  }

  private parse(): BackendMessage[] {
    const { messages, rest } = splitBackend(this.received);
    for (const m of messages) this.parsed.push(m);
    this.received = rest;
    return this.parsed;
  }

  /** Read messages until `done(messages)` holds (or the socket closes); returns them all. */
  async readUntil(done: (m: BackendMessage[]) => boolean, timeoutMs = 10_000): Promise<BackendMessage[]> {
    await this.until(() => done(this.parse()) || this.closed, timeoutMs);
    this.parse();
    const out = this.parsed;
    this.parsed = [];
    return out;
  }

  /**
   * Send `messages` in one write and read until one ReadyForQuery per Sync or Query among them;
   * the answers as `describeBackend` texts.
   */
  async exchange(...messages: Buffer[]): Promise<string[]> {
    await this.send(Buffer.concat(messages));
    const syncs = messages.filter((b) => b[0] === 0x53 || b[0] === 0x51).length;
    return (await this.readyForQuery(syncs, 60_000)).map((m) => m.text);
  }

  /** Read until `count` ReadyForQuery messages arrived. */
  readyForQuery(count = 1, timeoutMs?: number): Promise<BackendMessage[]> {
    let seen = 0;
    let checked = 0;
    return this.readUntil((m) => {
      for (; checked < m.length; checked++) if (m[checked]!.type === 'Z') seen++;
      return seen >= count;
    }, timeoutMs);
  }

  private until(cond: () => boolean, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timeout; received so far: ${this.parsed.map((m) => m.text).slice(-20).join(' | ')}`)), timeoutMs);
      const check = () => {
        if (cond()) { clearTimeout(timer); resolve(); } else this.waiters.push(check);
      };
      check();
    });
  }

  /** Connect and finish the start-up as user `crate`. */
  static async startup(port: number, params: Record<string, string> = {}): Promise<{ client: RawPgClient; messages: BackendMessage[] }> {
    const client = await RawPgClient.connect(port);
    await client.send(fe.startup({ user: 'crate', ...params }));
    const messages = await client.readyForQuery();
    return { client, messages };
  }

  end(): void { this.socket.end(fe.terminate()); }
}
