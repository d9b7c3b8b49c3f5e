/**
 * Opening COPY FROM sources as byte streams: local files (node:fs) and http(s) (fetch, streamed),
 * optionally through gunzip. Failures to open are URI-level failures with the messages CrateDB's
 * Java readers produce (`/data/x.json (No such file or directory)`, the URL for an HTTP 404).
 *
 * In: a CopyUri (uri.ts). Out: an async iterable of raw chunks (compressed bytes are counted for
 * progress as they are read) and the size when known.
 */
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { CopyUri } from './uri.js';

/** A URI that could not be opened or read; its message goes into the summary. */
export class UriFailure extends Error {}

export interface OpenedSource {
  /** decompressed bytes */
  readonly chunks: AsyncIterable<Buffer>;
  /** bytes of the source (compressed), when known */
  readonly size?: number;
}

export interface OpenOptions {
  gzip: boolean;
  signal: AbortSignal;
  /** called with the number of raw bytes read, for progress */
  onBytes: (n: number) => void;
}

export async function openSource(uri: CopyUri, options: OpenOptions): Promise<OpenedSource> {
  let raw: Readable;
  let size: number | undefined;
  if (uri.scheme === 'file') {
    const path = uri.path!;
    let handle;
    try {
      handle = await open(path, 'r');
      const s = await handle.stat();
      if (s.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
      size = s.size;
    } catch (e) {
      await handle?.close();
      throw new UriFailure(`${path} (${fsReason(e)})`);
    }
    raw = handle.createReadStream({ highWaterMark: 1 << 20 });
  } else {
    let res: Response;
    try {
      res = await fetch(uri.uri, { signal: options.signal, redirect: 'follow' });
    } catch (e) {
      if (options.signal.aborted) throw e;
      throw new UriFailure(fetchReason(e, uri.uri));
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      // Java's HttpURLConnection: FileNotFoundException(url) for 404/410, IOException otherwise
      throw new UriFailure(res.status === 404 || res.status === 410
        ? uri.uri
        : `Server returned HTTP response code: ${res.status} for URL: ${uri.uri}`);
    }
    const length = Number(res.headers.get('content-length'));
    if (Number.isFinite(length) && length > 0 && !res.headers.get('content-encoding')) size = length;
    raw = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
  }
  raw.on('data', (chunk: Buffer) => options.onBytes(chunk.length));
  const onAbort = () => raw.destroy(options.signal.reason instanceof Error ? options.signal.reason : new Error('aborted'));
  options.signal.addEventListener('abort', onAbort, { once: true });
  raw.once('close', () => options.signal.removeEventListener('abort', onAbort));
  const decoded = options.gzip ? raw.pipe(createGunzip()) : raw;
  if (options.gzip) raw.on('error', (e) => decoded.destroy(e));
  return { chunks: readFailuresAsUriFailures(decoded, options.signal), size };
}

async function* readFailuresAsUriFailures(stream: Readable, signal: AbortSignal): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (e) {
    if (signal.aborted) throw signal.reason ?? e;
    throw new UriFailure(streamReason(e));
  } finally {
    stream.destroy();
  }
}

function fsReason(e: unknown): string {
  switch ((e as { code?: string }).code) {
    case 'ENOENT': return 'No such file or directory';
    case 'EACCES': case 'EPERM': return 'Permission denied';
    case 'EISDIR': return 'Is a directory';
    default: return e instanceof Error ? e.message : String(e);
  }
}

function fetchReason(e: unknown, url: string): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  switch (cause?.code) {
    case 'ECONNREFUSED': return 'Connection refused';
    case 'ENOTFOUND': case 'EAI_AGAIN': return `${new URL(url).hostname}: Name or service not known`;
    case 'ECONNRESET': return 'Connection reset';
    default: return cause?.message ?? (e instanceof Error ? e.message : String(e));
  }
}

function streamReason(e: unknown): string {
  const code = (e as { code?: string }).code;
  // java.util.zip: "Not in GZIP format" for a plain file read as gzip
  if (code === 'Z_DATA_ERROR') return 'Not in GZIP format';
  if (code === 'Z_BUF_ERROR') return 'Unexpected end of ZLIB input stream';
  return e instanceof Error ? e.message : String(e);
}
