/**
 * A growable output buffer for PostgreSQL backend messages: `type byte | int32 length | payload`.
 * `begin(type)` reserves the length word, `end()` patches it in. Many messages accumulate in one
 * buffer and leave the connection with one `socket.write` (BackendWriter in backend-messages.ts
 * is the only user). Spec: https://www.postgresql.org/docs/current/protocol-message-types.html
 */

const INITIAL_SIZE = 16 * 1024;

export class MessageWriter {
  private buf = Buffer.allocUnsafe(INITIAL_SIZE);
  private pos = 0;
  private start = -1;

  /** Bytes written so far (complete and open messages). */
  get length(): number { return this.pos; }

  private ensure(extra: number): void {
    const need = this.pos + extra;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Start a message of the given type byte. */
  begin(type: number): this {
    this.ensure(5);
    this.buf[this.pos++] = type;
    this.start = this.pos;
    this.pos += 4;
    return this;
  }

  end(): this {
    this.buf.writeInt32BE(this.pos - this.start, this.start);
    this.start = -1;
    return this;
  }

  /** A whole message without payload (`type`, length 4). */
  emptyMessage(type: number): this {
    this.ensure(5);
    const b = this.buf;
    const p = this.pos;
    b[p] = type;
    b[p + 1] = 0;
    b[p + 2] = 0;
    b[p + 3] = 0;
    b[p + 4] = 4;
    this.pos = p + 5;
    return this;
  }

  byte(b: number): this {
    this.ensure(1);
    this.buf[this.pos++] = b;
    return this;
  }

  int16(n: number): this {
    this.ensure(2);
    this.buf.writeInt16BE(n, this.pos);
    this.pos += 2;
    return this;
  }

  int32(n: number): this {
    this.ensure(4);
    this.buf.writeInt32BE(n | 0, this.pos);
    this.pos += 4;
    return this;
  }

  /** UTF-8 text followed by a NUL byte. */
  cstring(s: string): this {
    this.text(s);
    return this.byte(0);
  }

  /** UTF-8 text without terminator. */
  text(s: string): this {
    this.ensure(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
    return this;
  }

  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  /** `int32 length` + UTF-8 bytes (a DataRow cell); the length is patched after writing. */
  lengthPrefixedText(s: string): this {
    this.ensure(4 + s.length * 3);
    const buf = this.buf;
    const at = this.pos;
    let n = -1;
    // short ASCII texts (numbers, timestamps) byte by byte: cheaper than a Buffer.write call each
    if (s.length <= 64) {
      let i = 0;
      for (; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c > 0x7f) break;
        buf[at + 4 + i] = c;
      }
      if (i === s.length) n = i;
    }
    if (n < 0) n = buf.write(s, at + 4, 'utf8');
    buf.writeInt32BE(n, at);
    this.pos = at + 4 + n;
    return this;
  }

  /** `int32 length` + bytes (a DataRow cell in binary format). */
  lengthPrefixedBytes(b: Uint8Array): this {
    this.int32(b.length);
    return this.bytes(b);
  }

  /** Everything written so far; the writer starts over empty. */
  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.pos));
    this.pos = 0;
    if (this.buf.length > 4 * 1024 * 1024) this.buf = Buffer.allocUnsafe(INITIAL_SIZE);
    return out;
  }
}
