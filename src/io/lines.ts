/**
 * Bytes → lines, in batches (one batch per input chunk, so the per-line cost is a slice and a
 * UTF-8 decode, not a promise). Lines end at `\n`; a `\r` before it is dropped. Line numbers are
 * 1-based physical line numbers (copy.md §1.3). A byte-wise split is safe for UTF-8: no
 * multi-byte sequence contains 0x0A. A UTF-8 byte order mark before the first line is dropped.
 */

export interface LineBatch {
  readonly texts: string[];
  /** line number of texts[i] */
  readonly numbers: number[];
}

export async function* lineBatches(chunks: AsyncIterable<Buffer>): AsyncGenerator<LineBatch> {
  let carry: Buffer | undefined;
  let lineNo = 0;
  let first = true;
  for await (const chunk of chunks) {
    let buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    if (first) {
      if (buf.length < 3 && buf.indexOf(10) < 0) {
        carry = buf;
        continue;
      }
      first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    const texts: string[] = [];
    const numbers: number[] = [];
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl >= 0; nl = buf.indexOf(10, start)) {
      const end = nl > start && buf[nl - 1] === 13 ? nl - 1 : nl;
      texts.push(buf.toString('utf8', start, end));
      numbers.push(++lineNo);
      start = nl + 1;
    }
    carry = start < buf.length ? buf.subarray(start) : undefined;
    if (texts.length) yield { texts, numbers };
  }
  if (carry && carry.length) {
    const end = carry[carry.length - 1] === 13 ? carry.length - 1 : carry.length;
    yield { texts: [carry.toString('utf8', 0, end)], numbers: [++lineNo] };
  }
}
