/**
 * Collects UTF-8 text as a list of Buffers of about 64 KB, so large response bodies never
 * become one giant JS string (V8 caps strings at ~512 MB) and need no re-copying while they grow.
 */

const FLUSH_AT = 64 * 1024;

export class ByteBuilder {
  private readonly chunks: Buffer[] = [];
  private pending = '';
  private flushed = 0;

  append(text: string): void {
    this.pending += text;
    if (this.pending.length >= FLUSH_AT) this.flush();
  }

  /** Bytes appended so far. */
  get byteLength(): number { return this.flushed + Buffer.byteLength(this.pending); }

  /** The collected bytes; the builder stays usable. */
  finish(): Buffer[] {
    this.flush();
    return this.chunks;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const chunk = Buffer.from(this.pending, 'utf8');
    this.chunks.push(chunk);
    this.flushed += chunk.length;
    this.pending = '';
  }
}
