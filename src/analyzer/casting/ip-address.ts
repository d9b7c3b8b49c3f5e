/**
 * IP address text handling for CrateDB's `ip` type (types.md §3.7) and the `<<` operator
 * (functions.md §1.8).
 *
 * `normaliseIp` validates IPv4/IPv6 text and returns CrateDB's canonical form: dotted quad for
 * IPv4 (also for IPv4-mapped IPv6 `::ffff:a.b.c.d`), RFC 5952 compressed lower-case IPv6.
 * `ipInCidr` tests subnet membership (`'192.168.1.5' << '192.168.1/24'`; short IPv4 network
 * forms are zero-filled).
 */

/** The address as 4 (IPv4) or 16 (IPv6) bytes, or undefined when invalid. */
export function parseIpBytes(text: string): number[] | undefined {
  if (text.includes(':')) return parseIpv6(text);
  return parseIpv4(text);
}

function parseIpv4(text: string, allowShort = false): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 && !(allowShort && parts.length >= 1 && parts.length < 4)) return undefined;
  const bytes: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p.startsWith('0'))) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    bytes.push(n);
  }
  while (bytes.length < 4) bytes.push(0);
  return bytes;
}

function parseIpv6(text: string): number[] | undefined {
  let s = text;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(s.slice(lastColon + 1));
    if (!v4) return undefined;
    tail = v4;
    s = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const toGroups = (h: string): number[] | undefined => {
    if (h === '') return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = toGroups(halves[0]!);
  const rest = halves.length === 2 ? toGroups(halves[1]!) : [];
  if (!head || !rest) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    const fill = 8 - head.length - rest.length;
    if (fill < 1) return undefined;
    groups = [...head, ...new Array<number>(fill).fill(0), ...rest];
  } else {
    groups = head;
  }
  if (groups.length !== 8) return undefined;
  const bytes = groups.flatMap((g) => [g >> 8, g & 255]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** Canonical text of address bytes (IPv4-mapped IPv6 → IPv4). */
export function formatIpBytes(bytes: readonly number[]): string {
  if (bytes.length === 4) return bytes.join('.');
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255;
  if (mapped) return bytes.slice(12).join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!);
  // RFC 5952: compress the longest run (≥ 2) of zero groups, the first one on ties.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** CrateDB's normalised ip text, or undefined for invalid input. */
export function normaliseIp(text: string): string | undefined {
  const bytes = parseIpBytes(text);
  return bytes ? formatIpBytes(bytes) : undefined;
}

/** An IPv4 address for a non-negative integer (CrateDB `bigint → ip`). */
export function ipFromLong(n: number | bigint): string | undefined {
  const v = BigInt(n);
  if (v < 0n || v > 0xffffffffn) return undefined;
  const x = Number(v);
  return [x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255].join('.');
}

/**
 * Whether `ip` lies inside `cidr` (`a.b.c.d/n`, `a.b.c/24`, `2001:db8::/32`). Throws for a
 * malformed CIDR (CrateDB rejects it) and returns false across address families.
 */
export function ipInCidr(ip: string, cidr: string): boolean {
  const slash = cidr.indexOf('/');
  if (slash < 0) throw new Error(`invalid CIDR notation: ${cidr}`);
  const netText = cidr.slice(0, slash);
  const prefix = Number(cidr.slice(slash + 1));
  const net = netText.includes(':') ? parseIpv6(netText) : parseIpv4(netText, true);
  if (!net || !Number.isInteger(prefix) || prefix < 0 || prefix > net.length * 8) {
    throw new Error(`invalid CIDR notation: ${cidr}`);
  }
  let addr = parseIpBytes(ip);
  if (!addr) return false;
  if (addr.length === 16 && net.length === 4 && formatIpBytes(addr).includes('.')) addr = addr.slice(12);
  if (addr.length !== net.length) return false;
  for (let bit = 0; bit < prefix; bit++) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if ((addr[byte]! & mask) !== (net[byte]! & mask)) return false;
  }
  return true;
}
