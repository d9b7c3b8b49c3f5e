/**
 * `geohash(point)`: the 12-character geohash CrateDB returns (functions.md §2.3). Longitude and
 * latitude are quantised to 32 bits like Lucene's point encoding (floor of the value over the
 * cell size, offset to unsigned), interleaved longitude first, and the top 60 bits written five
 * at a time in the geohash base-32 alphabet. Mont Blanc [6.86444, 45.8325] → `u0huspw99j1r`.
 */

const ALPHABET = '0123456789bcdefghjkmnpqrstuvwxyz';
const TWO_32 = 2 ** 32;

/** Quantise `v` in [-half, half] to an unsigned 32-bit cell number (the top end is the last cell). */
function quantise(v: number, half: number): number {
  const cell = Math.floor(v / (2 * half / TWO_32)) + 2 ** 31;
  return Math.min(Math.max(cell, 0), TWO_32 - 1);
}

export function geohash(lon: number, lat: number): string {
  const x = quantise(lon, 180);
  const y = quantise(lat, 90);
  let out = '';
  let acc = 0;
  for (let bit = 0; bit < 60; bit++) {
    const source = bit % 2 === 0 ? x : y;
    const shift = 31 - Math.floor(bit / 2);
    acc = acc * 2 + (Math.floor(source / 2 ** shift) % 2);
    if (bit % 5 === 4) {
      out += ALPHABET[acc]!;
      acc = 0;
    }
  }
  return out;
}
