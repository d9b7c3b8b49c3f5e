import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readJson, type JsonBuilders } from '../../../src/types/json-reader.js';

type V = null | boolean | string | { n: string } | V[] | [string, V][];
const builders: JsonBuilders<V> = { number: (t) => ({ n: t }), object: (e) => e, array: (a) => a };
const err = (what: string, offset: number) => new SyntaxError(`${what} @${offset}`);

test('numbers as written, objects as ordered entries, strings unescaped', () => {
  assert.deepEqual(readJson('{"2":1.0,"1":[-3,1e+21,12345678901234567890],"s":"a\\n\\u00e9\\"","t":true,"z":null}', builders, err), [
    ['2', { n: '1.0' }], ['1', [{ n: '-3' }, { n: '1e+21' }, { n: '12345678901234567890' }]], ['s', 'a\né"'], ['t', true], ['z', null],
  ]);
  assert.deepEqual(readJson(' [ ] ', builders, err), []);
});

test('NaN and Infinity only with nonFinite; malformed input raises the given error', () => {
  assert.throws(() => readJson('[NaN]', builders, err), /unexpected character @1/);
  assert.deepEqual(readJson('[NaN,-Infinity]', { ...builders, nonFinite: (x) => String(x) }, err), ['NaN', '-Infinity']);
  assert.throws(() => readJson('{"a":}', builders, err), /unexpected character @5/);
  assert.throws(() => readJson('[1] x', builders, err), /trailing characters/);
  assert.throws(() => readJson('"abc', builders, err), /unterminated string/);
  assert.throws(() => readJson('{1:2}', builders, err), /expected object key/);
});
