/**
 * The start-up phase of a connection (pgwire.md §2): first packets until ReadyForQuery.
 *
 *   SSLRequest      → 'N' (no TLS), wait for the next first packet
 *   GSSENCRequest   → 'N' (like PostgreSQL; CrateDB answers FATAL, libpq retries either way)
 *   CancelRequest   → cancel the matching session (§9), reply nothing, close
 *   StartupMessage  → v3.0 (NegotiateProtocolVersion for 3.x, x > 0) → trust auth for `crate`
 *                     → AuthenticationOk, ParameterStatus ×8, BackendKeyData, ReadyForQuery 'I'
 *   anything else   → FATAL `Unsupported frontend protocol …`, close
 */
import { SQLParseException } from '../../errors/errors.js';
import type { Database } from '../../session/database.js';
import type { Session } from '../../session/session.js';
import { CRATE_VERSION } from '../../session/version.js';
import { authenticationFailed, fatal } from './error-response.js';
import type { FirstPacket } from './frontend-messages.js';
import type { BackendWriter, ErrorFields } from './messages/backend-messages.js';

/** Startup keys CrateDB knows (others are ignored; `_pq_.*` ones are listed in NegotiateProtocolVersion). */
const SUPPORTED_KEYS = new Set(['user', 'database', 'options', 'application_name', 'client_encoding', 'CrateDBTransport']);

/** The users cratelite knows; authentication is `trust` (HBA disabled, CrateDB's default). */
const KNOWN_USERS = new Set(['crate']);

export type StartupOutcome =
  | { readonly kind: 'continue' }
  | { readonly kind: 'cancel'; readonly processId: number; readonly secretKey: number }
  | { readonly kind: 'ready'; readonly session: Session; readonly secretKey: number }
  | { readonly kind: 'reject'; readonly error: ErrorFields };

/** The ParameterStatus list, in CrateDB's order and spelling (`datestyle` lower-case on purpose). */
export function parameterStatuses(): [string, string][] {
  return [
    ['crate_version', CRATE_VERSION],
    ['server_version', '14.0'],
    ['server_encoding', 'UTF8'],
    ['client_encoding', 'UTF8'],
    ['datestyle', 'ISO'],
    ['TimeZone', 'UTC'],
    ['integer_datetimes', 'on'],
    ['standard_conforming_strings', 'on'],
  ];
}

export async function handleFirstPacket(packet: FirstPacket, db: Database, out: BackendWriter): Promise<StartupOutcome> {
  switch (packet.kind) {
    case 'SSLRequest':
    case 'GSSENCRequest':
      out.sslRefused();
      return { kind: 'continue' };
    case 'CancelRequest':
      return { kind: 'cancel', processId: packet.processId, secretKey: packet.secretKey };
    case 'StartupMessage':
      break;
  }
  const { major, minor, parameters } = packet;
  if (major !== 3) {
    return { kind: 'reject', error: fatal(`Unsupported frontend protocol ${major}.${minor}: server supports 3.0 to 3.0`) };
  }
  if (minor !== 0) {
    // PostgreSQL's behaviour (allowed by pgwire.md §2.3): list only the `_pq_.` options sent
    const unrecognised = [...parameters.keys()].filter((k) => k.startsWith('_pq_.') && !SUPPORTED_KEYS.has(k));
    out.negotiateProtocolVersion(0, unrecognised);
  }
  const user = parameters.get('user') ?? '';
  if (!KNOWN_USERS.has(user)) {
    return { kind: 'reject', error: authenticationFailed(`trust authentication failed for user "${user}"`) };
  }
  let settings: [string, string][];
  try {
    settings = parseOptions(parameters.get('options') ?? '');
  } catch (e) {
    return { kind: 'reject', error: authenticationFailed((e as Error).message) };
  }
  const session = await db.createSession({ user, defaultSchema: parameters.get('database') ?? 'doc' });
  try {
    for (const [name, value] of settings) session.settings.set(name, value);
  } catch (e) {
    session.close();
    return { kind: 'reject', error: authenticationFailed((e as Error).message) };
  }
  const secretKey = (Math.random() * 0x1_0000_0000) | 0;
  out.authenticationOk();
  for (const [name, value] of parameterStatuses()) out.parameterStatus(name, value);
  out.backendKeyData(session.options.id, secretKey);
  out.readyForQuery('I');
  return { kind: 'ready', session, secretKey };
}

/**
 * The `options` startup parameter, parsed like a command line: `-c name=value` / `-cname=value`
 * pairs (backslash escapes a blank, as libpq writes them). Pairs without exactly one `=` are
 * ignored; unknown setting names are ignored by SessionSettings.set; any other option throws.
 */
export function parseOptions(options: string): [string, string][] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  for (let i = 0; i < options.length; i++) {
    const c = options[i]!;
    if (c === '\\' && i + 1 < options.length) {
      current += options[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  const out: [string, string][] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    let pair: string;
    if (w === '-c') {
      if (i + 1 >= words.length) throw new SQLParseException('Missing argument for option -c');
      pair = words[++i]!;
    } else if (w.startsWith('-c')) {
      pair = w.slice(2);
    } else {
      throw new SQLParseException(`Unrecognized option: ${w}`);
    }
    const parts = pair.split('=');
    if (parts.length !== 2) continue;
    out.push([parts[0]!.trim().toLowerCase(), parts[1]!.trim()]);
  }
  return out;
}
