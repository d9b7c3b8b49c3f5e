/**
 * Geo functions available without a spatial extension (functions.md §2.3): distance,
 * latitude, longitude, geohash (geohash.ts), within and intersects (geo-relations.ts).
 * geo_point values are DOUBLE[2] `[lon, lat]`; WKT text and double arrays convert implicitly.
 *
 *   distance(p1, p2) → haversine on a sphere of radius 6 371 008.7714 m (Lucene's constant),
 *                      e.g. distance('POINT (10 20)', 'POINT (11 21)') ≈ 152354.3209
 */
import { T } from '../../types/data-type.js';
import { coerceArgs, result, scalar } from './define.js';
import type { CompiledExpr, FunctionDef } from './function-types.js';

const EARTH_RADIUS_M = 6371008.7714;

const point = (e: CompiledExpr): CompiledExpr | undefined => coerceArgs([e], [T.geoPoint])?.[0];

/**
 * Lucene's `SloppyMath.haversinMeters` (what CrateDB's distance uses), term by term so the
 * floating-point result matches: h = (1 − cos(φ1 − φ2)) + cos φ1 · cos φ2 · (1 − cos Δλ),
 * d = 2R · asin(min(1, √(h / 2))).
 */
export function haversineSql(p1: string, p2: string): string {
  const rad = (x: string) => `(${x} * CAST(0.017453292519943295 AS DOUBLE))`;
  const lat1 = rad(`list_extract(${p1}, 2)`);
  const lat2 = rad(`list_extract(${p2}, 2)`);
  const dLon = rad(`(list_extract(${p1}, 1) - list_extract(${p2}, 1))`);
  const h = `((1 - cos(${lat1} - ${lat2})) + cos(${lat1}) * cos(${lat2}) * (1 - cos(${dLon})))`;
  return `(${EARTH_RADIUS_M} * 2 * asin(least(1, sqrt(${h} * 0.5))))`;
}

/** A geo_point or geo_shape argument as GeoJSON text (a text literal may be WKT of either). */
function geoJsonText(e: CompiledExpr): string | undefined {
  if (e.type.kind === 'geo_point' || e.type.kind === 'array') {
    const p = point(e);
    if (p) return `CASE WHEN ${p.sql} IS NOT NULL THEN CAST(json_object('type', 'Point', 'coordinates', ${p.sql}) AS VARCHAR) END`;
  }
  const s = coerceArgs([e], [T.geoShape])?.[0];
  return s ? `CAST(${s.sql} AS VARCHAR)` : undefined;
}

/** within / intersects: both sides as GeoJSON text into the JS relation (geo-relations.ts). */
function shapeRelation(udf: string, args: readonly CompiledExpr[]): ReturnType<typeof result> | undefined {
  if (args.length !== 2) return undefined;
  const [a, b] = args.map(geoJsonText);
  return a && b ? result(`${udf}(${a}, ${b})`, T.boolean) : undefined;
}

export const geoFunctions: FunctionDef[] = [
  scalar('distance', ['(geo_point, geo_point)'], (args) => {
    if (args.length !== 2) return undefined;
    const [a, b] = args.map(point);
    return a && b ? result(haversineSql(a.sql, b.sql), T.double) : undefined;
  }),
  scalar('latitude', ['(geo_point)'], (args) => {
    const p = args.length === 1 ? point(args[0]!) : undefined;
    return p ? result(`list_extract(${p.sql}, 2)`, T.double) : undefined;
  }),
  scalar('longitude', ['(geo_point)'], (args) => {
    const p = args.length === 1 ? point(args[0]!) : undefined;
    return p ? result(`list_extract(${p.sql}, 1)`, T.double) : undefined;
  }),
  scalar('within', ['(geo_shape, geo_shape)'], (args) => shapeRelation('cratelite_geo_within', args)),
  scalar('intersects', ['(geo_shape, geo_shape)'], (args) => shapeRelation('cratelite_geo_intersects', args)),
  scalar('geohash', ['(geo_point)'], (args) => {
    const p = args.length === 1 ? point(args[0]!) : undefined;
    return p ? result(`cratelite_geohash(list_extract(${p.sql}, 1), list_extract(${p.sql}, 2))`, T.text) : undefined;
  }),
];
