/**
 * Casts from and to the object-identifier types regclass, regproc and regtype (types.md,
 * pgwire.md §11.2–§11.3), as CrateDB performs them — all three are stored as the OID (INTEGER).
 *
 *   'int4'::regtype        → 23 (pg_type typname; unknown names fail `type x does not exist`)
 *   'array_in'::regproc    → hash of `PROCnull` + the text as written (so
 *                            `'pg_catalog.array_in'::regproc` is *not* array_in — CrateDB quirk)
 *   'doc.t1'::regclass     → the relation's OID; unknown relations get the hash of
 *                            `TABLE<schema>.<name>` (CrateDB never fails here). Names need the
 *                            catalog: see `regclassFromName`, called by the analyzer for literals.
 *   '728874843'::regclass  → 728874843 (PostgreSQL's numeric input; CrateDB rejects digits, but
 *                            psql writes `c.oid = '<oid>'` in every `\d name` sub-query)
 *   regtype → text         → typname (`int4`), digits for unknown OIDs
 *   regproc → text         → the function name for the procs pg_type names, else digits
 */
import type { Catalog } from '../../catalog/catalog.js';
import { regprocOid, relationOid, tableHashOid } from '../../catalog/system/pg-catalog/pg-oid.js';
import { PG_TYPES, regprocName } from '../../catalog/system/pg-catalog/pg-types.js';
import { quoteString } from '../../translator/duckdb-types.js';
import { parseExpressionText } from '../../sql/parser/parser.js';
import { CastFailure } from './cast-failure.js';

/**
 * Type names `::regtype` resolves. CrateDB registers `"char"` (18) and `_char` (1002) only after
 * building its name and OID maps, so those two resolve neither way.
 */
const REGTYPE_NAMES = new Map(PG_TYPES.filter((t) => t.oid !== 18 && t.oid !== 1002).map((t) => [t.typname, t.oid]));
const REGTYPE_BY_OID = new Map([...REGTYPE_NAMES].map(([name, oid]) => [oid, name]));

const DIGITS = /^\s*[+-]?\d+\s*$/;

function int32(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n > 2147483647 || n < -2147483648) {
    throw new CastFailure(`${text.trim()} is outside of \`int\` range and cannot be cast to the regclass type`);
  }
  return n;
}

/** The OID a text value denotes as regtype / regproc / regclass (catalog-free part). */
export function regOidFromText(text: string, kind: 'regclass' | 'regproc' | 'regtype'): number {
  switch (kind) {
    case 'regproc':
      return regprocOid(text);
    case 'regtype': {
      const oid = REGTYPE_NAMES.get(text);
      if (oid === undefined) throw new CastFailure(`type ${text} does not exist`);
      return oid;
    }
    case 'regclass':
      // names need the catalog: explicit casts of literals go through regclassFromName; an
      // implicit conversion of a name (`oid = 'doc.t1'`) would hash user tables wrongly, so fails
      if (DIGITS.test(text)) return int32(text);
      throw new CastFailure();
  }
}

/** `schema.name` / `name` (CrateDB identifier rules) → OID of that relation in `catalog`. */
function nameOid(text: string, catalog: Catalog | undefined, currentSchema: string): number {
  let parts: string[];
  try {
    const e = parseExpressionText(text);
    if (e.kind !== 'ColumnRef') throw new CastFailure(`Can't cast '${text}' to regclass`);
    parts = e.parts;
  } catch (err) {
    if (err instanceof CastFailure) throw err;
    throw new CastFailure(`Invalid relation name '${text}'`);
  }
  if (parts.length === 3 && parts[0] === 'crate') parts = parts.slice(1);
  if (parts.length > 2) throw new CastFailure(`Invalid relation name '${text}'`);
  const [schema, name] = parts.length === 2 ? [parts[0]!, parts[1]!] : [currentSchema, parts[0]!];
  const meta = catalog?.get(schema, name);
  // system tables and unknown relations: the hash CrateDB uses (it never fails here)
  return meta ? relationOid(meta) : tableHashOid(schema, name);
}

/** `'<name>'::regclass` with the catalog at hand (digits are taken as the OID itself). */
export function regclassFromName(text: string, catalog: Catalog | undefined, currentSchema: string): number {
  return DIGITS.test(text) ? int32(text) : nameOid(text, catalog, currentSchema);
}

/** The text of a regtype / regproc OID (regclass prints its digits). */
export function regText(oid: number, kind: 'regclass' | 'regproc' | 'regtype'): string {
  if (kind === 'regtype') return REGTYPE_BY_OID.get(oid) ?? String(oid);
  if (kind === 'regproc') {
    const name = regprocName(oid);
    return name === undefined || name === '-' ? String(oid) : name;
  }
  return String(oid);
}

/** DuckDB SQL for the text of a regtype / regproc value `x` (NULL stays NULL). */
export function regTextSql(x: string, kind: 'regclass' | 'regproc' | 'regtype'): string {
  const entries: [number, string][] = kind === 'regtype'
    ? [...REGTYPE_BY_OID]
    : kind === 'regproc'
      ? PG_TYPES.flatMap((t) => [t.typinput, t.typoutput, t.typreceive, t.typsend])
        .filter((n, i, all) => n !== '-' && all.indexOf(n) === i)
        .map((n) => [regprocOid(n), n] as [number, string])
      : [];
  if (entries.length === 0) return `CAST(${x} AS VARCHAR)`;
  const whens = entries.map(([oid, name]) => `WHEN ${oid} THEN ${quoteString(name)}`).join(' ');
  return `CASE ${x} ${whens} ELSE CAST(${x} AS VARCHAR) END`;
}

/**
 * DuckDB SQL converting text `x` to regtype (by typname) or regclass (digits only: names need
 * the catalog and are resolved for literals only); `failSql` for anything else.
 */
export function regFromTextSql(x: string, kind: 'regclass' | 'regtype', failSql: string): string {
  if (kind === 'regclass') {
    return `CASE WHEN ${x} IS NULL THEN NULL WHEN regexp_full_match(trim(${x}), '[+-]?[0-9]{1,10}') `
      + `AND TRY_CAST(trim(${x}) AS INTEGER) IS NOT NULL THEN CAST(trim(${x}) AS INTEGER) ELSE ${failSql} END`;
  }
  const whens = [...REGTYPE_NAMES].map(([name, oid]) => `WHEN ${quoteString(name)} THEN ${oid}`).join(' ');
  return `CASE WHEN ${x} IS NULL THEN NULL ELSE CASE ${x} ${whens} ELSE ${failSql} END END`;
}
