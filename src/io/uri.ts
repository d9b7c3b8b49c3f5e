/**
 * COPY URIs (copy.md §1.2, §2.1): a user's text → a URI cratelite can open.
 *
 *   '/data/x.json'          → 'file:///data/x.json' (percent-encoded like Java's Path.toUri)
 *   'file:///data/x.json'   → kept; 'file://host/x' → `Invalid fileURI`
 *   'data/x.json'           → `relative fileURIs are not allowed`
 *   'http(s)://…'           → kept (read with fetch, no globbing)
 *   's3://…', 'az://…'      → UnsupportedFeatureException: cratelite has no S3/Azure client
 *   any other scheme        → UnsupportedFeatureException `Unknown scheme 'ftp'`
 */
import { fileURLToPath } from 'node:url';
import { SQLParseException, UnsupportedFeatureException } from '../errors/errors.js';

export type UriScheme = 'file' | 'http' | 'https';

export interface CopyUri {
  /** the URI as CrateDB shows it (summary `uri` column) */
  readonly uri: string;
  readonly scheme: UriScheme;
  /** file: the absolute local path (decoded) */
  readonly path?: string;
  /** contains `*`: expanded against the file system (glob.ts) */
  readonly glob: boolean;
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/** Characters Java's Path.toUri leaves alone (unreserved, `/` and the path punctuation). */
const URI_PATH_SAFE = /[A-Za-z0-9\-_.!~*'()/:@&=+$,]/;

/** `/a b/ü.json` → `/a%20b/%C3%BC.json` */
export function encodePath(path: string): string {
  let out = '';
  for (const ch of path) {
    if (URI_PATH_SAFE.test(ch)) out += ch;
    else for (const b of Buffer.from(ch, 'utf8')) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export const fileUri = (path: string): string => `file://${encodePath(path)}`;

/** Check one URI text of a COPY FROM / COPY TO and classify it. */
export function parseCopyUri(text: string, what: 'COPY FROM' | 'COPY TO'): CopyUri {
  if (text.startsWith('/')) return { uri: fileUri(text), scheme: 'file', path: text, glob: text.includes('*') };
  const m = SCHEME.exec(text);
  if (!m) throw new SQLParseException('relative fileURIs are not allowed');
  const scheme = m[1]!.toLowerCase();
  switch (scheme) {
    case 'file': {
      if (!text.slice(m[0].length).startsWith('///')) throw new SQLParseException('Invalid fileURI');
      const path = decodeFilePath(text);
      return { uri: text, scheme: 'file', path, glob: text.includes('*') };
    }
    case 'http':
    case 'https':
      if (what === 'COPY TO') break;
      try {
        new URL(text);
      } catch {
        throw new SQLParseException(`Invalid URI: ${text}`);
      }
      return { uri: text, scheme, glob: false };
    case 's3':
    case 'az':
      throw new UnsupportedFeatureException(
        `${what} with '${scheme}://' URIs is not supported by cratelite: it has no ${scheme === 's3' ? 'S3' : 'Azure Blob Storage'} client; ` +
        `download the files and use file://${what === 'COPY FROM' ? ' or http(s)://' : ''} URIs`);
    default:
      break;
  }
  throw new UnsupportedFeatureException(`Unknown scheme '${scheme}'`);
}

/** `file:///a%20b/*.json` → `/a b/*.json` (glob characters kept) */
function decodeFilePath(uri: string): string {
  // fileURLToPath would reject or rewrite `*`, `?` and `#`; decode the path part by hand
  const raw = uri.slice('file://'.length);
  try {
    return decodeURIComponent(raw.replace(/%(?![0-9a-fA-F]{2})/g, '%25'));
  } catch {
    return fileURLToPath(uri);
  }
}
