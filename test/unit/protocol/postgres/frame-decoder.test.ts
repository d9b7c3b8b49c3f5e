/**
 * FrameDecoder: the same frames whatever the TCP fragmentation; length checks for start-up
 * packets, tiny and oversized messages; truncated input waits for more bytes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameDecoder, FrameError, STARTUP, type Frame } from '../../../../src/protocol/postgres/frame-decoder.js';
import { fe, fragment, seededRandom } from '../../../helpers/pg-wire.js';

const stream = Buffer.concat([
  fe.startup({ user: 'crate', database: 'doc' }),
  fe.query('select 1'),
  fe.parse('s1', 'select $1', [23]),
  fe.bind('', 's1', ['42']),
  fe.describe('P', ''),
  fe.execute('', 0),
  fe.sync(),
  fe.query('x'.repeat(5000)),
  fe.terminate(),
]);

function decodeAll(pieces: Buffer[]): Frame[] {
  const d = new FrameDecoder(1 << 20);
  const frames: Frame[] = [];
  for (const p of pieces) {
    d.push(p);
    for (let f = d.next(); f; f = d.next()) {
      frames.push({ type: f.type, body: Buffer.from(f.body) });
      if (f.type === STARTUP) d.startupPhase = false;
    }
  }
  assert.equal(d.bufferedBytes, 0);
  return frames;
}

test('one piece: startup frame, then typed frames', () => {
  const frames = decodeAll([stream]);
  assert.deepEqual(frames.map((f) => (f.type === STARTUP ? 'startup' : String.fromCharCode(f.type))),
    ['startup', 'Q', 'P', 'B', 'D', 'E', 'S', 'Q', 'X']);
  assert.equal(frames[1]!.body.toString(), 'select 1\0');
  assert.equal(frames[8]!.body.length, 0);
});

test('random fragmentation yields identical frames', () => {
  const expected = decodeAll([stream]);
  for (let seed = 1; seed <= 200; seed++) {
    const random = seededRandom(seed);
    const frames = decodeAll(fragment(stream, random, 1 + (seed % 13)));
    assert.deepEqual(frames, expected, `seed ${seed}`);
  }
});

test('byte-by-byte delivery works', () => {
  const pieces = [...stream].map((b) => Buffer.from([b]));
  assert.equal(decodeAll(pieces).length, 9);
});

test('a truncated message is not returned until complete', () => {
  const d = new FrameDecoder(1 << 20);
  d.startupPhase = false;
  const q = fe.query('select 1');
  d.push(q.subarray(0, 3));
  assert.equal(d.next(), undefined);
  d.push(q.subarray(3, q.length - 1));
  assert.equal(d.next(), undefined);
  d.push(q.subarray(q.length - 1));
  assert.equal(d.next()?.body.toString(), 'select 1\0');
});

test('start-up packets outside 8..10000 bytes are rejected', () => {
  for (const length of [0, 4, 7, 10_001, 0x7fffffff, -1]) {
    const d = new FrameDecoder(1 << 20);
    const b = Buffer.alloc(8);
    b.writeInt32BE(length, 0);
    d.push(b);
    assert.throws(() => d.next(), (e: unknown) => e instanceof FrameError && /invalid length of startup packet/.test(e.message), `length ${length}`);
  }
});

test('oversized and impossible message lengths are rejected', () => {
  const d = new FrameDecoder(10_000, 'Message too large for unauthenticated user');
  d.startupPhase = false;
  d.push(fe.query('x'.repeat(20_000)).subarray(0, 5));
  assert.throws(() => d.next(), /Message too large for unauthenticated user/);
  const tiny = new FrameDecoder(1 << 20);
  tiny.startupPhase = false;
  tiny.push(Buffer.from([0x51, 0, 0, 0, 2]));
  assert.throws(() => tiny.next(), FrameError);
});

test('garbage (random bytes) either waits or fails with FrameError, never anything else', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const random = seededRandom(seed);
    const garbage = Buffer.from(Array.from({ length: 1 + Math.floor(random() * 64) }, () => Math.floor(random() * 256)));
    const d = new FrameDecoder(64 * 1024);
    d.startupPhase = random() < 0.5;
    d.push(garbage);
    try {
      while (d.next());
    } catch (e) {
      assert.ok(e instanceof FrameError, `seed ${seed}: ${String(e)}`);
    }
  }
});
