/**
 * Splits the client's byte stream into protocol frames, whatever the TCP fragmentation
 * (pgwire.md §2.1, §3.1):
 *
 *   start-up phase:  int32 length (incl. itself) | payload            → { type: STARTUP, body }
 *   afterwards:      byte type | int32 length (incl. itself) | payload → { type, body }
 *
 * The decoder only checks lengths; payloads are read by frontend-messages.ts. A bad length
 * (start-up packet outside 8..10000 bytes, a message length below 4, a message above the limit —
 * 10000 bytes until authenticated) throws FrameError: the connection answers with a FATAL
 * ErrorResponse and closes, the server carries on.
 */

/** `type` of frames read in the start-up phase (they have no type byte). */
export const STARTUP = -1;

export interface Frame {
  readonly type: number;
  readonly body: Buffer;
}

/**
 * A frame as the decoder returns it: its payload is `buf[start, end)`, so hot messages (Bind,
 * Execute) are read without a Buffer view of their own; `body` makes one when asked.
 */
export class RawFrame implements Frame {
  private view: Buffer | undefined;
  constructor(readonly type: number, readonly buf: Buffer, readonly start: number, readonly end: number) {}

  get length(): number { return this.end - this.start; }

  get body(): Buffer { return this.view ??= this.buf.subarray(this.start, this.end); }
}

export class FrameError extends Error {}

/** CrateDB's bounds for the first packet (PgDecoder). */
export const MIN_STARTUP_LENGTH = 8;
export const MAX_STARTUP_LENGTH = 10_000;

export class FrameDecoder {
  /** received chunks; the first is read from `offset` on */
  private chunks: Buffer[] = [];
  private offset = 0;
  private buffered = 0;
  /** true until the StartupMessage was read: frames have no type byte */
  startupPhase = true;

  /** @param maxMessageLength largest accepted typed message (type byte excluded, length word included) */
  constructor(public maxMessageLength: number, public tooLargeMessage = 'Message too large') {}

  /** Bytes received but not yet returned as frames. */
  get bufferedBytes(): number { return this.buffered; }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
  }

  /** The next complete frame, or undefined when more bytes are needed. Throws FrameError. */
  next(): RawFrame | undefined {
    if (this.startupPhase) {
      if (this.buffered < 4) return undefined;
      const length = this.peekInt32(0);
      if (length < MIN_STARTUP_LENGTH || length > MAX_STARTUP_LENGTH) {
        throw new FrameError('invalid length of startup packet');
      }
      if (this.buffered < length) return undefined;
      return this.consume(STARTUP, length, 4);
    }
    if (this.buffered < 5) return undefined;
    const type = this.peekByte(0);
    const length = this.peekInt32(1);
    if (length < 4) throw new FrameError(`invalid message length ${length} for message type ${type}`);
    if (length > this.maxMessageLength) throw new FrameError(this.tooLargeMessage);
    if (this.buffered < length + 1) return undefined;
    return this.consume(type, length + 1, 5);
  }

  private peekByte(offset: number): number {
    offset += this.offset;
    for (const c of this.chunks) {
      if (offset < c.length) return c[offset]!;
      offset -= c.length;
    }
    throw new RangeError('peek past the buffered bytes');
  }

  private peekInt32(offset: number): number {
    const first = this.chunks[0]!;
    const at = this.offset + offset;
    if (at + 4 <= first.length) return first.readInt32BE(at);
    return ((this.peekByte(offset) << 24) | (this.peekByte(offset + 1) << 16)
      | (this.peekByte(offset + 2) << 8) | this.peekByte(offset + 3)) | 0;
  }

  /**
   * Remove the first `n` buffered bytes: a frame of their bytes after the first `skip` (the
   * frame header), in the received chunk when they sit in one, else in a copy.
   */
  private consume(type: number, n: number, skip: number): RawFrame {
    this.buffered -= n;
    const first = this.chunks[0]!;
    const available = first.length - this.offset;
    if (available >= n) {
      const frame = new RawFrame(type, first, this.offset + skip, this.offset + n);
      if (available === n) {
        this.chunks.shift();
        this.offset = 0;
      } else {
        this.offset += n;
      }
      return frame;
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const c = this.chunks[0]!;
      const take = Math.min(c.length - this.offset, n - filled);
      c.copy(out, filled, this.offset, this.offset + take);
      filled += take;
      if (this.offset + take === c.length) {
        this.chunks.shift();
        this.offset = 0;
      } else {
        this.offset += take;
      }
    }
    return new RawFrame(type, out, skip, n);
  }
}
