/**
 * Everything on the HTTP port that is not `/_sql`: node info on `GET /` and `HEAD /` (the
 * health probe crate-python and crash call on connect), the `/admin` redirect, and the static
 * file area of the Admin UI (http.md §2, §6; CrateDB `MainAndStaticFileHandler`, `StaticSite`).
 *
 * cratelite ships no Admin UI yet, so every static file is "not found" — with CrateDB's texts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CRATE_VERSION } from '../../session/version.js';

export interface NodeInfo {
  nodeName: string;
  clusterName: string;
}

/** What CrateDB 6.5.0 reports as `lucene_version`; cratelite has no Lucene, clients only display it. */
const LUCENE_VERSION = '10.5.0';

/** CrateDB `Headers.isBrowser`: the first token of the User-Agent names a browser engine. */
const BROWSER = /^(?:Mozilla|Chrome|Safari|Opera|Android|AppleWebKit)+?[/\s][\d.]+$/;

export function isBrowser(userAgent: string | undefined): boolean {
  if (userAgent === undefined) return false;
  return BROWSER.test(userAgent.split(/\s+/)[0] ?? '');
}

export function handleMain(req: IncomingMessage, res: ServerResponse, info: NodeInfo): void {
  const uri = req.url ?? '/';
  switch (uri.trim().toLowerCase()) {
    case '/admin':
    case '/_plugin/crate-admin':
      res.writeHead(307, { location: '/', 'content-length': 0 });
      res.end();
      return;
    case '/index.html':
      serveStatic(req, res, uri);
      return;
  }
  const wantsJson = (req.headers.accept ?? '').includes('application/json');
  if (uri === '/' && (wantsJson || !isBrowser(req.headers['user-agent']))) {
    serveNodeInfo(req, res, info);
  } else {
    serveStatic(req, res, uri);
  }
}

function serveNodeInfo(req: IncomingMessage, res: ServerResponse, info: NodeInfo): void {
  // A single node has no cluster blocks, so the status is always 200.
  if (req.method === 'HEAD') {
    res.writeHead(200, { 'content-length': 0 });
    res.end();
    return;
  }
  const body = Buffer.from(nodeInfoJson(200, info));
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
}

/** The node info document, pretty-printed the way Jackson does it (`" : "`, 2-space indent, final newline). */
export function nodeInfoJson(status: number, info: NodeInfo): string {
  const doc: [string, unknown][] = [['ok', status === 200], ['status', status]];
  if (info.nodeName) doc.push(['name', info.nodeName]);
  doc.push(['cluster_name', info.clusterName]);
  doc.push(['version', [
    ['number', CRATE_VERSION],
    ['build_hash', 'NA'],
    ['build_timestamp', 'NA'],
    ['build_snapshot', false],
    ['lucene_version', LUCENE_VERSION],
  ]]);
  return `${pretty(doc, '')}\n`;
}

function pretty(entries: [string, unknown][], indent: string): string {
  const inner = `${indent}  `;
  const lines = entries.map(([key, value]) => {
    const text = Array.isArray(value) ? pretty(value as [string, unknown][], inner) : JSON.stringify(value);
    return `${inner}${JSON.stringify(key)} : ${text}`;
  });
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

/** CrateDB `StaticSite.serveSite`, with an empty site directory. */
function serveStatic(req: IncomingMessage, res: ServerResponse, uri: string): void {
  if (req.method !== 'GET') {
    // The word POST is literal in CrateDB, whatever the method was.
    plain(res, 403, `POST method is not allowed for [${uri}]`);
    return;
  }
  const path = uri.replace(/^\/+/, '') || 'index.html';
  plain(res, 404, `Requested file [${path}] was not found`);
}

/** CrateDB's plain responses carry no content-type. */
function plain(res: ServerResponse, status: number, text: string): void {
  const body = Buffer.from(text);
  res.writeHead(status, { 'content-length': body.length });
  res.end(body);
}
