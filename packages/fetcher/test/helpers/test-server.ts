/**
 * A local HTTP server on 127.0.0.1 with one route per fetcher case. Every request is logged
 * (path, arrival time, headers) so tests can check what reached the server and when.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { createSinglebyteEncoder } from '@exodus/bytes/single-byte.js';
import { createMultibyteEncoder } from '@exodus/bytes/multi-byte.js';

export interface LoggedRequest {
  path: string;
  at: number;
  headers: http.IncomingHttpHeaders;
}

export interface TestServer {
  port: number;
  origin: string;
  url(path: string): string;
  requests: LoggedRequest[];
  hits(path: string): number;
  /** Compressed bytes the gzip-bomb route managed to write before the client hung up. */
  bombBytesWritten(): number;
  /** Most `/delay` requests in flight at once since the last reset. */
  maxInFlight(): number;
  resetInFlight(): void;
  close(): Promise<void>;
}

export interface TestServerOptions {
  robotsTxt?: string | { status: number; body?: string };
}

const encode1251 = createSinglebyteEncoder('windows-1251');
const encodeSjis = createMultibyteEncoder('shift_jis');

export const RUSSIAN_TEXT = 'Новости дня: правительство объявило о новых мерах';
export const JAPANESE_TEXT = '日本語のニュース記事です。東京で会議が開かれました。';
export const OK_HTML = '<!doctype html><html><head><meta charset="utf-8"><title>OK</title></head><body><p>Hello, archive.</p></body></html>';
export const UTF8_HEADER_VALUE = 'Новости — 日本';
export const PDF_BYTES = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n\u00e2\u00e3\u00cf\u00d3',
  'latin1',
);

export function cyrillicPage(meta: string): Uint8Array {
  return concatBytes(
    Buffer.from(`<!doctype html><html><head>${meta}<title>t</title></head><body><p>`),
    encode1251(RUSSIAN_TEXT),
    Buffer.from('</p></body></html>'),
  );
}

export function japanesePage(meta: string): Uint8Array {
  return concatBytes(
    Buffer.from(`<!doctype html><html><head>${meta}<title>t</title></head><body><p>`),
    encodeSjis(JAPANESE_TEXT),
    Buffer.from('</p></body></html>'),
  );
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, server: TestServer) => void;

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const requests: LoggedRequest[] = [];
  const flakyCounts = new Map<string, number>();
  let bombBytes = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let self!: TestServer;

  const routes: Record<string, Handler> = {
    '/robots.txt': (_req, res) => {
      const robots = options.robotsTxt ?? 'User-agent: *\nAllow: /\n';
      if (typeof robots === 'string') return send(res, 200, { 'content-type': 'text/plain' }, robots);
      send(res, robots.status, { 'content-type': 'text/plain' }, robots.body ?? '');
    },
    '/ok': (_req, res) => send(res, 200, { 'content-type': 'text/html; charset=utf-8' }, OK_HTML),
    '/xhtml': (_req, res) =>
      send(res, 200, { 'content-type': 'application/xhtml+xml' }, '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>x</p></body></html>'),
    '/no-type': (_req, res) => send(res, 200, {}, '<!DOCTYPE html><html><body><p>untyped</p></body></html>'),
    '/headers': (_req, res) => {
      res.writeHead(200, [
        ['Content-Type', 'text/html'],
        ['X-First', 'a'],
        ['Set-Cookie', 'one=1'],
        ['X-Second', 'b'],
        ['Set-Cookie', 'two=2'],
      ] as unknown as http.OutgoingHttpHeaders);
      res.end(OK_HTML);
    },
    '/utf8-header': (req) => {
      // Raw UTF-8 bytes in a header value; Node's own writer would re-encode them, so by hand.
      const head = `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Title: `;
      const tail = `\r\nContent-Length: ${Buffer.byteLength(OK_HTML)}\r\nConnection: close\r\n\r\n${OK_HTML}`;
      req.socket.end(Buffer.concat([Buffer.from(head), Buffer.from(UTF8_HEADER_VALUE, 'utf8'), Buffer.from(tail)]));
    },
    '/redirect/1': (_req, res) => redirect(res, 301, '/redirect/2'),
    '/redirect/2': (_req, res) => redirect(res, 302, '3'),
    '/redirect/3': (_req, res) => redirect(res, 307, `${self.origin}/ok`),
    '/loop/a': (_req, res) => redirect(res, 302, '/loop/b'),
    '/loop/b': (_req, res) => redirect(res, 302, '/loop/a'),
    '/chain': (req, res) => {
      const n = Number(new URL(req.url!, 'http://x').searchParams.get('n') ?? '0');
      redirect(res, 302, n > 0 ? `/chain?n=${n - 1}` : '/ok');
    },
    '/no-location': (_req, res) => send(res, 302, {}, ''),
    '/to-ftp': (_req, res) => redirect(res, 302, 'ftp://example.org/file'),
    '/to-loopback': (_req, res) => redirect(res, 302, `http://127.0.0.1:${self.port}/ok`),
    '/to-metadata': (_req, res) => redirect(res, 302, 'http://169.254.169.254/latest/meta-data/'),
    '/to-mapped': (_req, res) => redirect(res, 302, `http://[::ffff:127.0.0.1]:${self.port}/ok`),
    '/to-evil': (_req, res) => redirect(res, 302, `http://evil.test:${self.port}/ok`),
    '/hang': () => {
      // Never answers: the headers timeout must fire.
    },
    '/slow-body': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body>');
      // One byte every 2 s: each gap exceeds the test's body idle timeout.
      const timer = setInterval(() => res.write('.'), 2_000);
      res.on('close', () => clearInterval(timer));
    },
    '/trickle': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      // Steady bytes (no idle gap) that never end: only the whole-body timeout stops it.
      const timer = setInterval(() => res.write('<p>more</p>'), 50);
      res.on('close', () => clearInterval(timer));
    },
    '/oversize': (_req, res) => send(res, 200, { 'content-type': 'text/html' }, Buffer.alloc(3 * 1024 * 1024, 0x61)),
    '/oversize-chunked': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      Readable.from(chunks(3 * 1024 * 1024, 64 * 1024)).pipe(res);
    },
    '/gzip': (_req, res) => send(res, 200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }, zlib.gzipSync(OK_HTML)),
    '/br': (_req, res) => send(res, 200, { 'content-type': 'text/html', 'content-encoding': 'br' }, zlib.brotliCompressSync(OK_HTML)),
    '/deflate-raw': (_req, res) => send(res, 200, { 'content-type': 'text/html', 'content-encoding': 'deflate' }, zlib.deflateRawSync(OK_HTML)),
    '/deflate-zlib': (_req, res) => send(res, 200, { 'content-type': 'text/html', 'content-encoding': 'deflate' }, zlib.deflateSync(OK_HTML)),
    '/bad-gzip': (_req, res) =>
      send(res, 200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }, Buffer.from('1f8b0800000000000003deadbeefdeadbeef', 'hex')),
    '/bad-br': (_req, res) => send(res, 200, { 'content-type': 'text/html', 'content-encoding': 'br' }, Buffer.from('deadbeefdeadbeefaaaa', 'hex')),
    // The compressed page cut in half behind a correct Content-Length, and an empty gzip-labelled body.
    '/truncated-gzip': (_req, res) => send(res, 200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }, half(zlib.gzipSync(OK_HTML))),
    '/truncated-br': (_req, res) => send(res, 200, { 'content-type': 'text/html', 'content-encoding': 'br' }, half(zlib.brotliCompressSync(OK_HTML))),
    '/truncated-deflate': (_req, res) => send(res, 200, { 'content-type': 'text/html', 'content-encoding': 'deflate' }, half(zlib.deflateSync(OK_HTML))),
    '/empty-gzip': (_req, res) => send(res, 200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }, Buffer.alloc(0)),
    '/zstd': (_req, res) => send(res, 200, { 'content-type': 'text/html', 'content-encoding': 'zstd' }, 'whatever'),
    '/gzip-bomb': (_req, res) => {
      // 8 GiB of zeros, compressed on the fly (about 8 MB on the wire if read to the end).
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      const gzip = zlib.createGzip({ level: 9 });
      gzip.on('data', (chunk: Buffer) => {
        bombBytes += chunk.length;
      });
      Readable.from(chunks(8 * 1024 * 1024 * 1024, 1024 * 1024)).pipe(gzip).pipe(res);
      res.on('close', () => gzip.destroy());
    },
    '/cp1251-header': (_req, res) => send(res, 200, { 'content-type': 'text/html; charset=windows-1251' }, cyrillicPage('')),
    '/cp1251-meta': (_req, res) => send(res, 200, { 'content-type': 'text/html' }, cyrillicPage('<meta charset="windows-1251">')),
    '/cp1251-none': (_req, res) => send(res, 200, { 'content-type': 'text/html' }, cyrillicPage('')),
    '/sjis-header': (_req, res) => send(res, 200, { 'content-type': 'text/html; charset=Shift_JIS' }, japanesePage('')),
    '/sjis-meta': (_req, res) =>
      send(res, 200, { 'content-type': 'text/html' }, japanesePage('<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">')),
    '/sjis-none': (_req, res) => send(res, 200, { 'content-type': 'text/html' }, japanesePage('')),
    '/private/page': (_req, res) => send(res, 200, { 'content-type': 'text/html' }, OK_HTML),
    '/rate-limited': (_req, res) => send(res, 429, { 'content-type': 'text/plain', 'retry-after': '7' }, 'slow down'),
    '/rate-limited-long': (_req, res) => send(res, 429, { 'retry-after': '86400' }, ''),
    '/flaky': (req, res) => {
      const n = (flakyCounts.get(req.url!) ?? 0) + 1;
      flakyCounts.set(req.url!, n);
      if (n === 1) return send(res, 500, { 'content-type': 'text/plain' }, 'temporary failure');
      send(res, 200, { 'content-type': 'text/html' }, OK_HTML);
    },
    '/missing': (_req, res) => send(res, 404, { 'content-type': 'text/html' }, '<h1>Not found</h1>'),
    '/etag': (req, res) => {
      const etag = '"v1"';
      const lastModified = 'Tue, 01 Jul 2025 10:00:00 GMT';
      if (req.headers['if-none-match'] === etag || req.headers['if-modified-since'] === lastModified) {
        res.writeHead(304, { etag, 'last-modified': lastModified, 'cache-control': 'max-age=60' });
        return res.end();
      }
      send(res, 200, { 'content-type': 'text/html; charset=utf-8', etag, 'last-modified': lastModified }, OK_HTML);
    },
    '/delay': (req, res) => {
      const ms = Number(new URL(req.url!, 'http://x').searchParams.get('ms') ?? '100');
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        send(res, 200, { 'content-type': 'text/html' }, OK_HTML);
      }, ms);
    },
    '/doc.pdf': (_req, res) => send(res, 200, { 'content-type': 'application/pdf' }, PDF_BYTES),
  };

  const server = http.createServer((req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    requests.push({ path, at: Date.now(), headers: req.headers });
    const route = routes[path] ?? (path.startsWith('/page/') ? routes['/ok'] : undefined);
    if (!route) return send(res, 404, { 'content-type': 'text/plain' }, 'no such route');
    route(req, res, self);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  self = {
    port,
    origin: `http://127.0.0.1:${port}`,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    hits: (path) => requests.filter((r) => r.path === path).length,
    bombBytesWritten: () => bombBytes,
    maxInFlight: () => maxInFlight,
    resetInFlight: () => {
      maxInFlight = inFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return self;
}

function send(res: http.ServerResponse, status: number, headers: Record<string, string>, body: string | Uint8Array): void {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function redirect(res: http.ServerResponse, status: number, location: string): void {
  send(res, status, { location, 'content-type': 'text/html' }, `<a href="${location}">moved</a>`);
}

function* chunks(total: number, size: number): Generator<Buffer> {
  const chunk = Buffer.alloc(size);
  for (let sent = 0; sent < total; sent += size) yield chunk;
}

function concatBytes(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(Buffer.concat(parts));
}

function half(bytes: Buffer): Buffer {
  return bytes.subarray(0, bytes.length >> 1);
}
