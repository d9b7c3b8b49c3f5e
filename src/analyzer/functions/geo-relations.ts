/**
 * `within(shape, container)` and `intersects(a, b)` on GeoJSON geometries (functions.md §2.3),
 * planar on (lon, lat) like Lucene's shape queries. A point on the container's edge counts as
 * inside (`within('POINT (10 10)', 'POLYGON ((5 5, 10 5, 10 10, 5 10, 5 5))')` is true).
 *
 *   within(a, b)      every vertex of a is in or on polygonal b, no edge of a crosses an edge
 *                     of b, and no hole of b lies inside a polygon of a; false when b has no area
 *   intersects(a, b)  a vertex of one is in or on the other, or two edges cross
 *
 * Shapes: Point, MultiPoint, LineString, MultiLineString, Polygon (with holes), MultiPolygon,
 * GeometryCollection. Anything else is a TextParseError (the caller reports CrateDB's error).
 */
import { TextParseError } from './text-parsers.js';

type Pt = readonly [number, number];
type Ring = readonly Pt[];

/** A geometry as its parts: points, polylines and polygons (outer ring first, then holes). */
interface Parts {
  points: Pt[];
  lines: Ring[];
  polygons: Ring[][];
}

export function parseShape(json: string): Parts {
  let g: unknown;
  try { g = JSON.parse(json); } catch { throw new TextParseError(`Cannot convert ${json} to a shape`); }
  const parts: Parts = { points: [], lines: [], polygons: [] };
  addGeometry(g, parts);
  return parts;
}

function addGeometry(g: unknown, out: Parts): void {
  const o = g as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  const c = o?.coordinates as any;
  switch (typeof o?.type === 'string' ? o.type.toLowerCase() : undefined) {
    case 'point': out.points.push(pt(c)); return;
    case 'multipoint': for (const p of list(c)) out.points.push(pt(p)); return;
    case 'linestring': out.lines.push(list(c).map(pt)); return;
    case 'multilinestring': for (const l of list(c)) out.lines.push(list(l).map(pt)); return;
    case 'polygon': out.polygons.push(list(c).map((r) => list(r).map(pt))); return;
    case 'multipolygon': for (const p of list(c)) out.polygons.push(list(p).map((r) => list(r).map(pt))); return;
    case 'geometrycollection': for (const x of list(o.geometries)) addGeometry(x, out); return;
    default: throw new TextParseError(`Unsupported geo shape: ${JSON.stringify(g)}`);
  }
}

function list(v: unknown): unknown[] {
  if (!Array.isArray(v)) throw new TextParseError('Invalid GeoJSON coordinates');
  return v;
}

function pt(v: unknown): Pt {
  const a = list(v);
  if (typeof a[0] !== 'number' || typeof a[1] !== 'number') throw new TextParseError('Invalid GeoJSON coordinates');
  return [a[0], a[1]];
}

const vertices = (s: Parts): Pt[] => [...s.points, ...s.lines.flat(), ...s.polygons.flat(2)];

function edges(s: Parts): [Pt, Pt][] {
  const out: [Pt, Pt][] = [];
  const chain = (r: Ring): void => { for (let i = 1; i < r.length; i++) out.push([r[i - 1]!, r[i]!]); };
  s.lines.forEach(chain);
  for (const p of s.polygons) p.forEach(chain);
  return out;
}

const cross = (o: Pt, a: Pt, b: Pt): number => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

function onSegment(p: Pt, a: Pt, b: Pt): boolean {
  return cross(a, b, p) === 0
    && Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0])
    && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
}

/** The segments cross at a point inside both (touching ends or overlapping collinear do not). */
function properlyCross(a: Pt, b: Pt, c: Pt, d: Pt): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

function segmentsTouch(a: Pt, b: Pt, c: Pt, d: Pt): boolean {
  return properlyCross(a, b, c, d) || onSegment(a, c, d) || onSegment(b, c, d) || onSegment(c, a, b) || onSegment(d, a, b);
}

/** 1 inside, 0 on an edge, -1 outside (even-odd over every ring, so holes are outside). */
function locate(p: Pt, polygon: readonly Ring[]): number {
  let inside = false;
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i]!;
      const b = ring[j]!;
      if (onSegment(p, a, b)) return 0;
      if ((a[1] > p[1]) !== (b[1] > p[1]) && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
    }
  }
  return inside ? 1 : -1;
}

const inOrOn = (p: Pt, s: Parts): boolean =>
  s.polygons.some((poly) => locate(p, poly) >= 0)
  || s.lines.some((l) => l.some((a, i) => i > 0 && onSegment(p, l[i - 1]!, a)))
  || s.points.some((q) => q[0] === p[0] && q[1] === p[1]);

export function within(a: Parts, b: Parts): boolean {
  if (b.polygons.length === 0) return false;
  if (!vertices(a).every((p) => b.polygons.some((poly) => locate(p, poly) >= 0))) return false;
  const eb = edges(b);
  for (const [p, q] of edges(a)) {
    if (eb.some(([r, s]) => properlyCross(p, q, r, s))) return false;
    // an edge between two boundary points may still leave the container: its midpoint must not
    const mid: Pt = [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
    if (!b.polygons.some((poly) => locate(mid, poly) >= 0)) return false;
  }
  // a hole of the container inside one of a's polygons: a covers ground outside b
  const holes = b.polygons.flatMap((poly) => poly.slice(1));
  return !holes.some((h) => h.some((p) => a.polygons.some((poly) => locate(p, poly) > 0)));
}

export function intersects(a: Parts, b: Parts): boolean {
  if (vertices(a).some((p) => inOrOn(p, b)) || vertices(b).some((p) => inOrOn(p, a))) return true;
  const eb = edges(b);
  return edges(a).some(([p, q]) => eb.some(([r, s]) => segmentsTouch(p, q, r, s)));
}
