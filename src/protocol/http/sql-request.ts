/**
 * Parses the body of a `/_sql` request — `{"stmt": …, "args": […] | "bulk_args": [[…], …]}` —
 * with CrateDB's exact error texts and codes (http.md §3.1; CrateDB `SQLRequestParser` and the
 * `SQL*ParseElement` classes):
 *
 *   empty body                    → 400 SQLParseException[Missing request body]
 *   not JSON / unknown key / …    → 400 SQLParseException[Can't parse [<body>]. Expecting payload …]
 *   stmt missing, empty, invalid  → 500 SQLParseSourceException[Field [stmt] …]
 *   args / bulk_args not arrays   → 500 SQLParseSourceException[…]
 *
 * CrateDB walks the token stream and reacts to every field name it meets, at whatever depth,
 * stopping at the first end-of-object; this keeps that walk so odd bodies behave the same.
 *
 * Out: the statement, the argument values (JSON integers beyond 2^53 as bigint) and the type
 * hints CrateDB derives from the JSON form of `args` (http.md §3.4, `DataTypes.guessType`).
 */
import { isUtf8 } from 'node:buffer';
import { SQLParseException, SQLParseSourceException } from '../../errors/errors.js';
import { higherType, T, type DataType, type ObjectField } from '../../types/data-type.js';
import { JsonTokenizer, type JsonToken } from './json-tokenizer.js';

export interface SqlRequest {
  stmt: string;
  /** Present when the body had an `args` key (even `[]`). */
  args?: unknown[];
  /** Present when the body had a `bulk_args` key. */
  bulkArgs?: unknown[][];
  /** One type hint per `args` value (http.md §3.4); bulk requests get none. */
  argTypes?: DataType[];
}

const CANT_PARSE_SUFFIX = 'Expecting payload with `stmt` string and `args` or `bulk_args` arrays';

export function parseSqlRequest(body: Buffer): SqlRequest {
  if (body.length === 0) throw new SQLParseException('Missing request body');
  let request: SqlRequest;
  let reader: ValueReader | undefined;
  try {
    if (!isUtf8(body)) throw new Error('invalid UTF-8');
    const fast = parseFast(body);
    if (fast !== undefined) return fast;
    reader = new ValueReader(new JsonTokenizer(body));
    request = reader.readRequest();
  } catch (e) {
    if (e instanceof SQLParseSourceException) throw e;
    const err = new SQLParseException(`Can't parse [${body.toString('utf8')}]. ${CANT_PARSE_SUFFIX}`);
    err.cause = e;
    throw err;
  }
  // CrateDB guesses argument types after parsing; an integer beyond 64 bits has no type.
  if (reader.undetectable !== undefined) {
    throw new SQLParseException(`Cannot detect the type of the value: ${reader.undetectable}`);
  }
  return request;
}

/**
 * The native JSON.parse is several times faster than the tokenizer (4 against 16 µs per TSBS
 * row). It is used where its result is provably the same: a plain `{"stmt": "…"[, "bulk_args":
 * [[…], …]]}` object without integers JSON.parse would round (no integral value beyond
 * ±2^53 − 1) and without a duplicate key at any depth (JSON.parse keeps the last value where the
 * tokenizer rejects the body). Everything else — comments, `args` (whose type hints need the
 * literal form), odd shapes, errors — takes the exact path.
 */
function parseFast(body: Buffer): SqlRequest | undefined {
  const text = body.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { stmt, bulk_args: bulkArgs, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || typeof stmt !== 'string' || stmt.length === 0) return undefined;
  if (bulkArgs !== undefined && !(Array.isArray(bulkArgs) && bulkArgs.every(Array.isArray))) return undefined;
  // every member written is one key of the parsed objects, unless a key was repeated
  const keys = bulkArgs === undefined ? 1 : keyCount(bulkArgs);
  if (keys < 0 || keys + (bulkArgs === undefined ? 0 : 2) !== memberCount(body)) return undefined;
  return bulkArgs === undefined ? { stmt } : { stmt, bulkArgs: bulkArgs as unknown[][] };
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * The number of keys of all objects in `v`, or -1 when it holds an integral number JSON.parse
 * may have rounded (the exact path reads it as a bigint; any number beyond 2^53 is integral).
 */
function keyCount(v: unknown): number {
  if (typeof v === 'number') return v > MAX_SAFE || v < -MAX_SAFE ? -1 : 0;
  if (typeof v !== 'object' || v === null) return 0;
  let n = 0;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'string') continue;
      const k = keyCount(x);
      if (k < 0) return -1;
      n += k;
    }
    return n;
  }
  for (const key in v) {
    const k = keyCount((v as Record<string, unknown>)[key]);
    if (k < 0) return -1;
    n += k + 1;
  }
  return n;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

/** The members of all objects of a valid JSON text: its colons outside strings. */
function memberCount(b: Buffer): number {
  let n = 0;
  let inString = false;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (inString) {
      if (c === QUOTE) inString = false;
      else if (c === BACKSLASH) i++; // the escaped byte (a quote or backslash among them)
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === COLON) {
      n++;
    }
  }
  return n;
}

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

class ValueReader {
  /** Type of the value read last, when reading with types. */
  private type: DataType = T.undefined;
  /** Text of the first argument integer that fits no CrateDB type. */
  undetectable: string | undefined;

  constructor(private readonly t: JsonTokenizer) {}

  readRequest(): SqlRequest {
    let stmt: string | undefined;
    const request: Partial<SqlRequest> = {};
    for (;;) {
      const token = this.t.next();
      if (token === null || token === 'END_OBJECT') break;
      if (token !== 'FIELD_NAME') continue;
      const name = this.t.text;
      const valueToken = this.t.next()!;
      switch (name) {
        case 'stmt': stmt = this.readStmt(valueToken); break;
        case 'args': this.readArgs(valueToken, request); break;
        case 'bulk_args': request.bulkArgs = this.readBulkArgs(valueToken); break;
        default: throw new Error(`No parser for element [${name}]`);
      }
    }
    if (stmt === undefined) throw new SQLParseSourceException('Field [stmt] is missing');
    return { ...request, stmt };
  }

  private readStmt(token: JsonToken): string {
    if (token !== 'VALUE_STRING' && token !== 'VALUE_NUMBER' && token !== 'VALUE_BOOLEAN') {
      throw new SQLParseSourceException('Field [stmt] has an invalid value');
    }
    if (this.t.text.length === 0) throw new SQLParseSourceException('Field [stmt] has no value');
    return this.t.text;
  }

  private readArgs(token: JsonToken, request: Partial<SqlRequest>): void {
    if (token !== 'START_ARRAY') throw new SQLParseSourceException(`\`args\` must start with an array, not \`${token}\``);
    const args: unknown[] = [];
    const types: DataType[] = [];
    for (let tok = this.t.next()!; tok !== 'END_ARRAY'; tok = this.t.next()!) {
      args.push(this.read(tok, true));
      types.push(this.type);
    }
    request.args = args;
    request.argTypes = types;
  }

  private readBulkArgs(token: JsonToken): unknown[][] {
    if (token !== 'START_ARRAY') throw new SQLParseSourceException('Field [bulk_args] has an invalid value');
    const rows: unknown[][] = [];
    for (let tok = this.t.next()!; tok !== 'END_ARRAY'; tok = this.t.next()!) {
      if (tok !== 'START_ARRAY') {
        throw new SQLParseSourceException(`\`bulk_args\` must contain a list of \`args\` (values list). Got unexpected: ${tok}`);
      }
      rows.push(this.read(tok, false) as unknown[]);
    }
    return rows;
  }

  /** Reads the value starting at `token`; with `typed`, also sets `this.type` (guessType). */
  private read(token: JsonToken, typed: boolean): unknown {
    switch (token) {
      case 'VALUE_STRING': this.type = T.text; return this.t.text;
      case 'VALUE_BOOLEAN': this.type = T.boolean; return this.t.text === 'true';
      case 'VALUE_NULL': this.type = T.undefined; return null;
      case 'VALUE_NUMBER': return this.number(typed);
      case 'START_ARRAY': {
        const items: unknown[] = [];
        let inner: DataType = T.undefined;
        for (let tok = this.t.next()!; tok !== 'END_ARRAY'; tok = this.t.next()!) {
          items.push(this.read(tok, typed));
          if (typed) inner = higherType(inner, this.type);
        }
        this.type = T.array(inner);
        return items;
      }
      case 'START_OBJECT': {
        const obj: Record<string, unknown> = {};
        const fields: ObjectField[] = [];
        for (let tok = this.t.next()!; tok !== 'END_OBJECT'; tok = this.t.next()!) {
          const key = this.t.text;
          const value = this.read(this.t.next()!, typed);
          // `__proto__` is an ordinary key in JSON; assignment would change the prototype instead.
          if (key === '__proto__') {
            Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
          } else {
            obj[key] = value;
          }
          if (typed) fields.push({ name: key, type: this.type });
        }
        this.type = T.object('dynamic', fields);
        return obj;
      }
      default: throw new Error(`unexpected token ${token}`);
    }
  }

  private number(typed: boolean): number | bigint {
    const text = this.t.text;
    if (this.t.isFloat) {
      this.type = T.double;
      return Number(text);
    }
    const n = Number(text);
    if (typed) {
      const big = BigInt(text);
      if (big >= INT32_MIN && big <= INT32_MAX) this.type = T.integer;
      else if (big >= INT64_MIN && big <= INT64_MAX) this.type = T.bigint;
      else this.undetectable ??= big.toString();
    }
    return Number.isSafeInteger(n) ? n : BigInt(text);
  }
}
