/**
 * geo_point / geo_shape literal values (types.md §5).
 *
 * geo_point input: `[lon, lat]` array, WKT `'POINT (lon lat)'` or the JSON-array string
 * `'[lon, lat]'`; out-of-range coordinates fail with CrateDB's
 * `Failed to validate geo point [lon=…, lat=…], not a valid location.`
 * geo_shape input: a GeoJSON object (or its JSON text) or WKT (POINT, LINESTRING, POLYGON and
 * their MULTI forms), returned as a GeoJSON map with double coordinates.
 */
import type { DataType } from '../../types/data-type.js';
import { CastFailure } from './cast-failure.js';

/** The converted value, or undefined when the input cannot be read as that geo type. */
export function castGeoValue(v: unknown, to: DataType): unknown {
  return to.kind === 'geo_point' ? toGeoPoint(v) : toGeoShape(v);
}

function toGeoPoint(v: unknown): [number, number] | undefined {
  let pair: unknown = v;
  if (typeof v === 'string') {
    const wkt = /^\s*POINT\s*\(\s*(\S+)\s+(\S+)\s*\)\s*$/i.exec(v);
    if (wkt) pair = [Number(wkt[1]), Number(wkt[2])];
    else {
      try { pair = JSON.parse(v); } catch { return undefined; }
    }
  }
  if (!Array.isArray(pair) || pair.length !== 2) return undefined;
  const [lon, lat] = pair.map((x) => (typeof x === 'string' ? Number(x) : x));
  if (typeof lon !== 'number' || typeof lat !== 'number' || Number.isNaN(lon) || Number.isNaN(lat)) return undefined;
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    throw new CastFailure(`Failed to validate geo point [lon=${lon}, lat=${lat}], not a valid location.`);
  }
  return [lon, lat];
}

function toGeoShape(v: unknown): Record<string, unknown> | undefined {
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && 'type' in v) return v as Record<string, unknown>;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (s.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(s);
      return typeof parsed === 'object' && parsed !== null && 'type' in parsed ? parsed as Record<string, unknown> : undefined;
    } catch { return undefined; }
  }
  return parseWkt(s);
}

const WKT_TYPES: Record<string, string> = {
  POINT: 'Point', LINESTRING: 'LineString', POLYGON: 'Polygon', MULTIPOINT: 'MultiPoint',
  MULTILINESTRING: 'MultiLineString', MULTIPOLYGON: 'MultiPolygon',
};

function parseWkt(s: string): Record<string, unknown> | undefined {
  const m = /^([A-Za-z]+)\s*(\(.*\))$/s.exec(s);
  if (!m) return undefined;
  const type = WKT_TYPES[m[1]!.toUpperCase()];
  if (!type) return undefined;
  const nested = parseNested(m[2]!);
  if (nested === undefined) return undefined;
  // POINT (1 2) has one level of parentheses around a single coordinate.
  const unwrap = type === 'Point' ? (nested as number[][])[0] : type === 'MultiPoint'
    ? (nested as unknown[]).map((p) => (Array.isArray(p) && Array.isArray(p[0]) ? p[0] : p)) : nested;
  return { type, coordinates: unwrap };
}

/** `((1 2, 3 4), (5 6))` → nested arrays of [x, y] pairs. */
function parseNested(s: string): unknown[] | undefined {
  const text = s.trim();
  if (!text.startsWith('(') || !text.endsWith(')')) return undefined;
  const body = text.slice(1, -1).trim();
  if (!body.startsWith('(')) {
    const coords = body.split(',').map((c) => c.trim().split(/\s+/).map(Number));
    if (coords.some((c) => c.length < 2 || c.some(Number.isNaN))) return undefined;
    return coords.map((c) => [c[0]!, c[1]!]);
  }
  const out: unknown[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '(') { if (depth === 0) start = i; depth++; }
    else if (body[i] === ')') {
      depth--;
      if (depth === 0) {
        const inner = parseNested(body.slice(start, i + 1));
        if (inner === undefined) return undefined;
        out.push(inner);
      }
    }
  }
  return depth === 0 ? out : undefined;
}
