/**
 * Object identifiers for pg_catalog, computed like CrateDB does (pgwire.md §11.3), so that
 * catalog-joining queries recorded against CrateDB see the same numbers here.
 *
 * CrateDB OIDs (other than type OIDs and stored table OIDs) are MurmurHash3 x86_32 (seed 0) of the
 * UTF-8 bytes of a key such as `SCHEMAdoc`, read as a signed int32. User tables have a stored,
 * sequential OID (`TableMeta.oid`); views and system tables use the hash.
 */
import type { TableMeta } from '../../table-meta.js';

/** MurmurHash3 x86_32 over `bytes`, as a signed 32-bit integer. */
export function murmur3x86_32(bytes: Uint8Array, seed = 0): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let h = seed | 0;
  const blocks = bytes.length & ~3;
  for (let i = 0; i < blocks; i += 4) {
    let k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = bytes.length & 3;
  if (tail > 0) {
    let k = 0;
    for (let i = tail - 1; i >= 0; i--) k = (k << 8) | bytes[blocks + i]!;
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
  }
  h ^= bytes.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

const utf8 = new TextEncoder();
export const oidHash = (key: string): number => murmur3x86_32(utf8.encode(key));

export const schemaOid = (schema: string): number => oidHash(`SCHEMA${schema}`);
export const userOid = (name: string): number => oidHash(`USER${name}`);
/** OID of a system table or of anything without a stored OID. */
export const tableHashOid = (schema: string, name: string): number => oidHash(`TABLE${schema}.${name}`);
export const viewOid = (schema: string, name: string): number => oidHash(`VIEW${schema}.${name}`);

/** pg_class / regclass OID of a user table or view. */
export function relationOid(meta: Pick<TableMeta, 'kind' | 'schema' | 'name' | 'oid'>): number {
  if (meta.kind === 'view') return viewOid(meta.schema, meta.name);
  return meta.oid > 0 ? meta.oid : tableHashOid(meta.schema, meta.name);
}

/** OID of the `i` row of a primary key: top-level names of the key columns, space separated. */
export const primaryKeyOid = (schema: string, name: string, pkTopLevelNames: readonly string[]): number =>
  oidHash(`PRIMARY_KEY${schema}.${name}${pkTopLevelNames.join(' ')}`);

export const constraintOid = (schema: string, table: string, constraint: string, type: 'PRIMARY KEY' | 'CHECK'): number =>
  oidHash(`CONSTRAINT${schema}.${table}${constraint}${type}`);

/**
 * OID of the dummy zero-argument function a regproc value names (pg_type.typinput etc.).
 * CrateDB hashes `PROC` + schema (`null` when there is none) + name.
 */
export const regprocOid = (name: string): number => (name === '-' || name === '' ? 0 : oidHash(`PROCnull${name}`));

export const PG_CATALOG_OID = schemaOid('pg_catalog');
