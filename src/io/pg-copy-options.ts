/**
 * Options of PostgreSQL's `COPY … FROM STDIN` / `TO STDOUT` (https://www.postgresql.org/docs/current/sql-copy.html),
 * after the parser normalised both option syntaxes to `name = value`:
 *
 *   format        text (default) | csv | binary; `json` = JSON lines (cratelite, FROM only)
 *   delimiter     one character; tab for text, `,` for csv
 *   null          NULL marker; `\N` for text, '' (unquoted) for csv
 *   header        true | false | match (FROM only)
 *   quote/escape  csv; one character each, `"` by default, escape defaults to quote
 *   force_quote, force_not_null, force_null   csv column lists (force_quote also `*`)
 *   encoding      only UTF8
 *
 * plus the CrateDB options that make sense for a stream: bulk_size, overwrite_duplicates,
 * fail_fast (FROM).
 */
import { SQLParseException, UnsupportedFeatureException } from '../errors/errors.js';
import { boolOption, ensureOnly, intOption, settingText } from './copy-options.js';
import type { PgCopyFormat } from './copy-environment.js';

const PG_OPTIONS = ['format', 'delimiter', 'null', 'header', 'quote', 'escape', 'force_quote', 'force_not_null', 'force_null', 'encoding', 'freeze', 'oids'];
const FROM_EXTRA = ['bulk_size', 'overwrite_duplicates', 'fail_fast'];

export interface PgCopyOptions extends PgCopyFormat {
  readonly json: boolean;
  readonly headerMatch: boolean;
  readonly forceNotNull: ReadonlySet<string>;
  readonly forceNull: ReadonlySet<string>;
  readonly bulkSize: number;
  readonly overwriteDuplicates: boolean;
  readonly failFast: boolean;
}

export function readPgCopyOptions(o: Map<string, unknown>, direction: 'FROM' | 'TO'): PgCopyOptions {
  ensureOnly(o, direction === 'FROM' ? [...PG_OPTIONS, ...FROM_EXTRA] : PG_OPTIONS);
  const format = o.has('format') ? settingText(o.get('format')).toLowerCase() : 'text';
  if (format !== 'text' && format !== 'csv' && format !== 'binary' && !(format === 'json' && direction === 'FROM')) {
    throw new SQLParseException(`COPY format "${format}" not recognized`);
  }
  if (format === 'binary') {
    for (const [key, name] of [['delimiter', 'DELIMITER'], ['null', 'NULL'], ['header', 'HEADER']] as const) {
      if (o.has(key)) throw new SQLParseException(`cannot specify ${name} in BINARY mode`);
    }
  }
  if (boolOption(o, 'oids', false)) throw new UnsupportedFeatureException('COPY with OIDS is not supported');
  if (o.has('encoding') && !/^utf-?8$/i.test(settingText(o.get('encoding')))) {
    throw new UnsupportedFeatureException(`COPY with ENCODING ${settingText(o.get('encoding'))} is not supported; cratelite speaks UTF8`);
  }
  const csv = format === 'csv';
  const char = (key: string, dflt: string): string => {
    if (!o.has(key)) return dflt;
    const v = settingText(o.get(key));
    if (v.length !== 1) throw new SQLParseException(`COPY ${key} must be a single one-byte character`);
    if (!csv && key !== 'delimiter') throw new SQLParseException(`COPY ${key} available only in CSV mode`);
    return v;
  };
  const delimiter = char('delimiter', csv ? ',' : '\t');
  if (!csv && (delimiter === '\\' || delimiter === '\n' || delimiter === '\r')) {
    throw new SQLParseException('COPY delimiter cannot be newline, carriage return or backslash');
  }
  const quote = char('quote', '"');
  const escape = char('escape', quote);
  const headerText = o.has('header') ? settingText(o.get('header')).toLowerCase() : 'false';
  const headerMatch = headerText === 'match';
  if (headerMatch && direction === 'TO') throw new SQLParseException('cannot use "match" with HEADER in COPY TO');
  const header = headerMatch || boolOption(new Map([['header', headerText === 'on' ? 'true' : headerText === 'off' ? 'false' : headerText]]), 'header', false);
  const columnSet = (key: string): ReadonlySet<string> | '*' => {
    if (!o.has(key)) return new Set();
    if (!csv) throw new SQLParseException(`COPY ${key} available only in CSV mode`);
    const v = o.get(key);
    if (v === '*') return '*';
    return new Set(Array.isArray(v) ? v.map(String) : [settingText(v)]);
  };
  const forceQuote = columnSet('force_quote');
  if (direction === 'FROM' && o.has('force_quote')) throw new SQLParseException('COPY force quote only available using COPY TO');
  if (direction === 'TO' && (o.has('force_not_null') || o.has('force_null'))) {
    throw new SQLParseException('COPY force not null / force null only available using COPY FROM');
  }
  const asSet = (s: ReadonlySet<string> | '*'): ReadonlySet<string> => (s === '*' ? new Set() : s);
  return {
    format: csv ? 'csv' : format === 'binary' ? 'binary' : 'text',
    json: format === 'json',
    delimiter,
    nullString: o.has('null') ? settingText(o.get('null')) : csv ? '' : '\\N',
    header,
    headerMatch,
    quote,
    escape,
    forceQuote,
    forceNotNull: asSet(columnSet('force_not_null')),
    forceNull: asSet(columnSet('force_null')),
    bulkSize: intOption(o, 'bulk_size', 10_000, 1),
    overwriteDuplicates: boolOption(o, 'overwrite_duplicates', false),
    failFast: boolOption(o, 'fail_fast', false),
  };
}
