/**
 * Units of src/io: URIs, globbing, line splitting, the CSV tokenizer, PostgreSQL text fields,
 * the bounded summary and COPY's error wording.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodePath, parseCopyUri } from '../../src/io/uri.js';
import { expandGlob, globToRegExp } from '../../src/io/glob.js';
import { lineBatches } from '../../src/io/lines.js';
import { CsvTokenizer } from '../../src/io/formats/csv-tokenizer.js';
import { splitText } from '../../src/io/formats/pg-text.js';
import { CopySummary, UriResult } from '../../src/io/summary.js';
import { copyErrorMessage } from '../../src/io/row-writer.js';
import { SQLParseException } from '../../src/errors/errors.js';
import { textConverter } from '../../src/io/formats/text-values.js';
import { T } from '../../src/types/data-type.js';

test('URIs: paths become file URIs (percent-encoded like Java), schemes are checked', () => {
  assert.deepEqual(parseCopyUri('/data/a b/ü*.json', 'COPY FROM'), { uri: 'file:///data/a%20b/%C3%BC*.json', scheme: 'file', path: '/data/a b/ü*.json', glob: true });
  assert.deepEqual(parseCopyUri('file:///data/a%20b/x.json', 'COPY FROM'), { uri: 'file:///data/a%20b/x.json', scheme: 'file', path: '/data/a b/x.json', glob: false });
  assert.equal(parseCopyUri('https://example.com/x.json?sig=1', 'COPY FROM').scheme, 'https');
  assert.throws(() => parseCopyUri('data/x.json', 'COPY FROM'), /relative fileURIs are not allowed/);
  assert.throws(() => parseCopyUri('file://host/x.json', 'COPY FROM'), /Invalid fileURI/);
  assert.throws(() => parseCopyUri('s3://b/k', 'COPY FROM'), /'s3:\/\/' URIs is not supported by cratelite/);
  assert.throws(() => parseCopyUri('https://example.com/', 'COPY TO'), /Unknown scheme 'https'/);
  assert.throws(() => parseCopyUri('jar:file:///x!/y', 'COPY FROM'), /Unknown scheme 'jar'/);
  assert.equal(encodePath("/a-b_c.d!~*'()/:@&=+$,"), "/a-b_c.d!~*'()/:@&=+$,");
});

test('glob patterns follow Java NIO rules', () => {
  const m = (glob: string, path: string) => globToRegExp(glob).test(path);
  assert.ok(m('/d/*/*.json', '/d/x/a.json'));
  assert.ok(m('/d/*/*.json', '/d/x/.json'));
  assert.ok(!m('/d/*/*.json', '/d/a.json'));
  assert.ok(!m('/d/*/*.json', '/d/x/y/a.json'));
  assert.ok(m('/d/**.json', '/d/x/y/a.json'));
  assert.ok(m('/d/?.json', '/d/a.json'));
  assert.ok(!m('/d/?.json', '/d/ab.json'));
  assert.ok(m('/d/[a-c].json', '/d/b.json'));
  assert.ok(!m('/d/[!a-c].json', '/d/b.json'));
  assert.ok(m('/d/{x,y}.json', '/d/y.json'));
  assert.ok(!m('/d/{x,y}.json', '/d/z.json'));
  assert.ok(m('/d/a+b(1).json', '/d/a+b(1).json'));
  assert.ok(m('/d/\\*.json', '/d/*.json'));
  assert.ok(!m('/d/\\*.json', '/d/x.json'));
});

test('expandGlob walks only as deep as the pattern, sorts, follows symlinks, skips non-files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cratelite-glob-'));
  try {
    for (const d of ['a', 'b', 'b/c']) mkdirSync(join(dir, d), { recursive: true });
    for (const f of ['a/2.json', 'a/1.json', 'b/3.json', 'b/c/4.json', 'top.json', 'a/x.csv']) writeFileSync(join(dir, f), '{}\n');
    mkdirSync(join(dir, 'a/dir.json'));
    symlinkSync(join(dir, 'b'), join(dir, 'link'));
    assert.deepEqual((await expandGlob(`${dir}/*/*.json`)).map((p) => p.slice(dir.length)), ['/a/1.json', '/a/2.json', '/b/3.json', '/link/3.json']);
    assert.deepEqual((await expandGlob(`${dir}/**.json`)).map((p) => p.slice(dir.length)),
      ['/a/1.json', '/a/2.json', '/b/3.json', '/b/c/4.json', '/link/3.json', '/link/c/4.json', '/top.json']);
    assert.deepEqual(await expandGlob(`${dir}/missing/*.json`), []);
    // a symlink loop ends the walk of that branch
    symlinkSync(dir, join(dir, 'b/c/loop'));
    assert.equal((await expandGlob(`${dir}/**.json`)).length, 7);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('lineBatches: numbering, CRLF, lines across chunks, a last line without newline', async () => {
  async function* chunks() {
    yield Buffer.from('\uFEFFa\r\nb');
    yield Buffer.from('c\n\n');
    yield Buffer.from('ü');
    yield Buffer.from('x\r');
  }
  const texts: string[] = [];
  const numbers: number[] = [];
  for await (const b of lineBatches(chunks())) {
    texts.push(...b.texts);
    numbers.push(...b.numbers);
  }
  assert.deepEqual(texts, ['a', 'bc', '', 'üx']);
  assert.deepEqual(numbers, [1, 2, 3, 4]);
});

test('CSV tokenizer: CrateDB (trimmed, one line) and PostgreSQL (multi-line, escape) dialects', () => {
  const crate = new CsvTokenizer({ delimiter: ',', quote: '"', escape: '"', trim: true, multiline: false });
  assert.deepEqual(crate.line(' a , "b, c" ,"say ""hi""",,  ')!.map((f) => [f.text, f.quoted]),
    [['a', false], ['b, c', true], ['say "hi"', true], ['', false], ['', false]]);
  assert.throws(() => crate.line('"open'), /Missing closing quote/);
  assert.deepEqual(crate.line('x')!.map((f) => f.text), ['x']);
  assert.throws(() => crate.line('"a" b'), /expected column separator/);
  const pgCsv = new CsvTokenizer({ delimiter: ';', quote: "'", escape: '\\', trim: false, multiline: true });
  assert.equal(pgCsv.line("1;'multi"), undefined);
  assert.ok(pgCsv.open);
  assert.deepEqual(pgCsv.line("line \\' q';  x ")!.map((f) => [f.text, f.quoted]), [['1', false], ["multi\nline ' q", true], ['  x ', false]]);
});

test('PostgreSQL text format fields: escapes, NULL marker compared before unescaping', () => {
  assert.deepEqual(splitText('a\\tb\t\\N\t\\\\N\t\\x41\\101\\q\t', '\t', '\\N'), ['a\tb', null, '\\N', 'AAq', '']);
  assert.deepEqual(splitText('1|a\\|b|', '|', ''), ['1', 'a|b', null]);
  assert.throws(() => splitText('x\\', '\t', '\\N'));
});

test('text values: JSON for objects/arrays, PostgreSQL arrays and points', () => {
  assert.deepEqual(textConverter(T.array(T.integer))('[1, 2]'), [1, 2]);
  assert.deepEqual(textConverter(T.array(T.integer))('{"1",NULL}'), ['1', null]);
  assert.deepEqual(textConverter(T.array(T.integer))('{}'), []);
  assert.deepEqual(textConverter(T.object())('{"a": [1]}'), { a: [1] });
  assert.equal(textConverter(T.object())('{bad'), '{bad');
  assert.deepEqual(textConverter(T.geoPoint)('(1.5,-2)'), [1.5, -2]);
  assert.equal(textConverter(T.geoPoint)('POINT (1 2)'), 'POINT (1 2)');
  assert.equal(textConverter(T.integer)('[1]'), '[1]');
});

test('summary: at most 25 messages per URI and 50 line numbers per message; URI failures', () => {
  const r = new UriResult('file:///x');
  for (let i = 1; i <= 1000; i++) r.rowFailed(`m${i % 30}`, i);
  for (let i = 0; i < 100; i++) r.rowFailed('m1', 2000 + i);
  assert.equal(r.errorCount, 1100);
  assert.equal(r.errors.size, 25);
  assert.ok(!r.errors.has('m0') && !r.errors.has('m29') && r.errors.has('m25'));
  const m1 = r.errors.get('m1')!;
  assert.equal(m1.count, 134);
  assert.equal(m1.lineNumbers.length, 50);
  assert.deepEqual(m1.lineNumbers.slice(0, 3), [1, 31, 61]);
  const s = new CopySummary();
  s.forUri('file:///b').failed('/b (No such file or directory)');
  s.forUri('file:///a').successCount = 2;
  assert.deepEqual(s.rows({ id: 'i', name: 'n' }), [
    [{ id: 'i', name: 'n' }, 'file:///a', 2, 0, {}],
    [{ id: 'i', name: 'n' }, 'file:///b', null, null, { '/b (No such file or directory)': { count: 1, line_numbers: [] } }],
  ]);
  assert.equal(s.failFastMessage('n'), 'Job killed. NODE: n\n[URI: file:///b, ERRORS: {/b (No such file or directory)={count=1, line_numbers=[]}}]');
});

test("COPY's error wording: casts read `Cannot cast value …`", () => {
  assert.equal(copyErrorMessage(new SQLParseException("Cannot cast `'May'` of type `text` to type `timestamp with time zone`")),
    'Cannot cast value `May` to type `timestamp with time zone`');
  assert.equal(copyErrorMessage(new SQLParseException("Cannot cast `'it''s'` of type `text` to type `integer`")), "Cannot cast value `it's` to type `integer`");
  assert.equal(copyErrorMessage(new SQLParseException('Cannot cast `[1, 2]` of type `integer_array` to type `integer`')),
    'Cannot cast value `[1, 2]` to type `integer`');
  assert.equal(copyErrorMessage(new SQLParseException('Column x unknown')), 'Column x unknown');
});
