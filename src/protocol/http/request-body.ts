/**
 * Reads a request body into memory, as CrateDB's HTTP layer aggregates it (http.md §1):
 * at most `http.max_content_length` (100 MB) after decompression, `Content-Encoding: gzip` /
 * `deflate` (crate-python gzips every body ≥ 8 KB) and `br` decoded transparently, unknown
 * encodings passed through untouched as Netty does.
 *
 * Errors: BodyTooLarge (→ 413), DecompressionFailed (→ 500 plain text, like a Netty
 * DecompressionException), ClientGone (the socket closed mid-body; nobody to answer).
 */
import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';

export const MAX_CONTENT_LENGTH = 100 * 1024 * 1024;

export class BodyTooLarge extends Error {}
export class DecompressionFailed extends Error {}
export class ClientGone extends Error {}

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotli = promisify(zlib.brotliDecompress);

/**
 * The whole (decoded) body. When the body is too large the rest of it is still read and
 * discarded, so the keep-alive connection stays usable for the next request.
 */
export async function readBody(req: IncomingMessage, limit = MAX_CONTENT_LENGTH): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) {
    req.resume();
    throw new BodyTooLarge(`content length ${declared} exceeds ${limit}`);
  }
  const raw = await collect(req, limit);
  return decode(raw, String(req.headers['content-encoding'] ?? '').trim().toLowerCase(), limit);
}

function collect(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        reject(new BodyTooLarge(`request body exceeds ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.on('close', () => { if (!req.complete) reject(new ClientGone('client closed the connection')); });
    req.on('error', (e) => reject(new ClientGone(e.message)));
  });
}

async function decode(raw: Buffer, encoding: string, limit: number): Promise<Buffer> {
  if (raw.length === 0) return raw;
  const options = { maxOutputLength: limit };
  try {
    switch (encoding) {
      case 'gzip': case 'x-gzip': return await gunzip(raw, options);
      // Netty accepts zlib-wrapped and raw deflate streams under the same name (ZLIB_OR_NONE).
      case 'deflate': case 'x-deflate': return await (hasZlibHeader(raw) ? inflate(raw, options) : inflateRaw(raw, options));
      case 'br': return await brotli(raw, options);
      default: return raw;
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new BodyTooLarge('decompressed body too large');
    throw new DecompressionFailed((e as Error).message);
  }
}

function hasZlibHeader(b: Buffer): boolean {
  return b.length >= 2 && (b[0]! & 0x0f) === 8 && ((b[0]! << 8) | b[1]!) % 31 === 0;
}
