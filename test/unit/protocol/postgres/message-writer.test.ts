/**
 * MessageWriter.lengthPrefixedText (DataRow cells): `int32 byte length` + the UTF-8 bytes, for
 * short ASCII (written byte by byte), non-ASCII anywhere in a short text, and long texts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageWriter } from '../../../../src/protocol/postgres/messages/message-writer.js';

test('lengthPrefixedText writes the length and the UTF-8 bytes', () => {
  const texts = ['', '58.0', '2016-01-01 10:00:00.000+00', 'ünï €', 'abc€', '€abc', 'x'.repeat(64), `${'y'.repeat(63)}é`,
    'z'.repeat(65), `${'a'.repeat(100)}😀`, '\u007f\u0080', 'tab\there'];
  const w = new MessageWriter();
  for (const t of texts) w.lengthPrefixedText(t);
  const out = w.take();
  const expected = Buffer.concat(texts.map((t) => {
    const b = Buffer.from(t, 'utf8');
    const len = Buffer.alloc(4);
    len.writeInt32BE(b.length);
    return Buffer.concat([len, b]);
  }));
  assert.deepEqual(out, expected);
});

test('lengthPrefixedText grows the buffer past its initial size', () => {
  const w = new MessageWriter();
  const cell = '1451606400000.0';
  for (let i = 0; i < 5000; i++) w.lengthPrefixedText(cell);
  const out = w.take();
  assert.equal(out.length, 5000 * (4 + cell.length));
  assert.equal(out.readInt32BE(4 * 4999 + cell.length * 4999), cell.length);
  assert.equal(out.subarray(out.length - cell.length).toString(), cell);
});
