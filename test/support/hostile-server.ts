/**
 * A local server of hostile and odd responses, one route per kind, for the hostile-input test.
 * Some kinds need bytes node's HTTP writer refuses to produce (no status line, bad header
 * bytes, broken chunking, a body longer or shorter than its Content-Length, a reset): those
 * write to the socket directly. robots.txt is answered per Host header, so that a few host
 * names (resolved to 127.0.0.1 by the test's lookup) can have hostile robots files.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import zlib from 'node:zlib';
import { articlePage } from '../queue-harness.ts';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface HostileServer {
  port: number;
  /** Hits per path (robots.txt counted as `<host>/robots.txt`). */
  hits(path: string): number;
  close(): Promise<void>;
}

/** Host names whose robots.txt misbehaves; every other host gets a 404 (allow all). */
export const ROBOTS_HOSTS = { disallow: 'robots-deny.test', error: 'robots-500.test', slow: 'robots-slow.test' } as const;

/** How long slow responses stall; the test's timeouts must be well under it. */
export const STALL_MS = 20_000;

const html = (body: string, headers: Record<string, string> = {}, status = 200): Handler => (_req, res) =>
  void res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(body);

const typed = (contentType: string, body: Uint8Array | string): Handler => (_req, res) =>
  void res.writeHead(200, { 'content-type': contentType }).end(body);

const status = (code: number, headers: Record<string, string> = {}): Handler => html(`<html><body><h1>${code}</h1></body></html>`, headers, code);

/** Raw bytes on the socket, then the connection is closed (`reset`: destroyed with RST). */
const raw = (chunks: Array<string | Uint8Array>, end: 'end' | 'reset' = 'end'): Handler => (req) => {
  const socket: Socket = req.socket;
  for (const chunk of chunks) socket.write(chunk);
  if (end === 'reset') setTimeout(() => socket.resetAndDestroy(), 50);
  else socket.end();
};

/** Writes `piece` every `everyMs` until the client goes away (slowloris). */
const trickle = (head: string, piece: string, everyMs: number): Handler => (req) => {
  const socket = req.socket;
  socket.write(head);
  const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write(piece)), everyMs);
  socket.once('close', () => clearInterval(timer));
};

const bomb = (encoding: 'gzip' | 'br' | 'deflate', bytes: number): Handler => {
  const zeros = Buffer.alloc(bytes, 0x20);
  const body = encoding === 'gzip' ? zlib.gzipSync(zeros) : encoding === 'br' ? zlib.brotliCompressSync(zeros) : zlib.deflateSync(zeros);
  return (_req, res) => void res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': encoding }).end(body);
};

function utf16le(text: string, bom: boolean): Buffer {
  const body = Buffer.from(text, 'utf16le');
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

/** The article of number `n` with its text run through `edit`. */
const page = (n: number, edit: (html: string) => string = (h) => h): string => edit(articlePage(n));

/** Every kind of hostile response, by path. `maxBodyBytes` (the fetcher's cap) sizes the bombs and the large pages. */
export function hostileRoutes(options: { maxBodyBytes: number }): Record<string, Handler> {
  const cap = options.maxBodyBytes;
  const longText = Array.from({ length: Math.floor((cap * 0.7) / 1100) }, (_, i) => `<p>${articlePage(i).slice(300, 1300).replace(/<[^>]*>/g, ' ')}</p>`).join('\n');
  const gzipped = zlib.gzipSync(Buffer.from(page(41)));
  const latin1 = Buffer.from(page(43, (h) => h.replace('<meta charset="utf-8">', '').replace(/Story/g, 'Café déjà vu, story')), 'latin1');
  const article = page(40);
  return {
    // Redirects
    '/redirect-loop/a': (_q, s) => void s.writeHead(302, { location: '/redirect-loop/b' }).end(),
    '/redirect-loop/b': (_q, s) => void s.writeHead(301, { location: '/redirect-loop/a' }).end(),
    ...Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`/redirect-chain/${i}`, ((_q, s) => void s.writeHead(307, { location: `/redirect-chain/${i + 1}` }).end()) as Handler]),
    ),
    '/redirect-no-location': (_q, s) => void s.writeHead(302).end(),
    '/redirect-to-file': (_q, s) => void s.writeHead(302, { location: 'file:///etc/passwd' }).end(),
    '/redirect-to-private': (_q, s) => void s.writeHead(302, { location: 'http://10.0.0.1/admin' }).end(),
    '/redirect-to-metadata': (_q, s) => void s.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    // Slow servers
    '/slow-headers': trickle('HTTP/1.1 200 OK\r\n', 'x-a: b\r\n', 300),
    '/slow-body-idle': (req) => {
      req.socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 100000\r\n\r\n<html><body>');
      const timer = setTimeout(() => req.socket.destroy(), STALL_MS);
      req.socket.once('close', () => clearTimeout(timer));
    },
    '/slow-body-trickle': trickle('HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 100000\r\n\r\n<html><body>', '<p>.</p>', 200),
    // Sizes and encodings
    '/over-size-cap': typed('text/html', Buffer.alloc(cap + 1024, 0x61)),
    '/gzip-bomb': bomb('gzip', cap * 40),
    '/brotli-bomb': bomb('br', cap * 40),
    '/deflate-bomb': bomb('deflate', cap * 40),
    '/truncated-gzip': (_q, s) => void s.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(gzipped.subarray(0, gzipped.length >> 1)),
    '/unknown-encoding': (_q, s) => void s.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'x-snappy' }).end(article),
    '/length-short': raw([`HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: ${article.length + 5000}\r\n\r\n`, article]),
    '/length-long': raw([`HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 200\r\nconnection: close\r\n\r\n`, article]),
    '/reset-mid-body': raw([`HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: ${article.length}\r\n\r\n`, article.slice(0, 500)], 'reset'),
    '/chunked-bad-size': raw(['HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ntransfer-encoding: chunked\r\n\r\n', '10\r\n<html><body><p>x\r\nzz\r\nbroken\r\n0\r\n\r\n']),
    '/chunked-unterminated': raw(['HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ntransfer-encoding: chunked\r\n\r\n', `${article.length.toString(16)}\r\n${article}\r\n`]),
    '/http09-garbage': raw(['<html><body>no status line at all</body></html>\r\n\r\n']),
    '/invalid-header-bytes': raw(['HTTP/1.1 200 OK\r\ncontent-type: text/html\r\nx-bad: a\x00b\x01c\r\ncontent-length: 5\r\n\r\nhello']),
    // Charsets
    '/charset-unknown': typed('text/html; charset=x-klingon', page(42)),
    '/charset-mislabelled': typed('text/html; charset=utf-8', latin1),
    '/utf16-bom': typed('text/html', utf16le(page(44).replace('<meta charset="utf-8">', ''), true)),
    '/utf16-no-bom': typed('text/html; charset=utf-16le', utf16le(page(45).replace('<meta charset="utf-8">', ''), false)),
    '/nul-bytes': typed('text/html; charset=utf-8', page(46, (h) => h.replace(/ part /g, ' part\u0000 '))),
    // Not HTML, or nothing
    '/pdf': typed('application/pdf', '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
    '/image': typed('image/png', Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex')),
    '/json': typed('application/json', JSON.stringify({ title: 'not a page', items: [1, 2, 3] })),
    '/empty-200': typed('text/html', ''),
    '/whitespace': typed('text/html', ' \n\t\r\n '.repeat(2000)),
    '/no-content-204': (_q, s) => void s.writeHead(204).end(),
    // Status codes
    '/status-401': status(401, { 'www-authenticate': 'Basic realm="x"' }),
    '/status-403': status(403),
    '/status-404': status(404),
    '/status-410': status(410),
    '/status-429-seconds': status(429, { 'retry-after': '3' }),
    '/status-429-date': (req, res) => status(429, { 'retry-after': new Date(Date.now() + 4000).toUTCString() })(req, res),
    '/status-500': status(500),
    '/status-503-retry-after': status(503, { 'retry-after': '2' }),
    // Page shapes
    '/few-mb-text': html(`<!doctype html><html><head><title>Long read</title></head><body><article><h1>Long read</h1>${longText}</article></body></html>`),
    '/nested-100k': html(`<html><body>${'<div>'.repeat(100_000)}deep${'</div>'.repeat(100_000)}${article.slice(article.indexOf('<article>'))}`),
    '/mega-attribute': html(page(47, (h) => h.replace('<article>', `<article data-x="${'x'.repeat(1024 * 1024)}">`))),
    '/links-50k': html(`<html><body><ul>${Array.from({ length: 50_000 }, (_, i) => `<li><a href="/l/${i}">Link ${i}</a></li>`).join('')}</ul></body></html>`),
    '/malformed-html': html(`<html><head><title>Broken<body><p>Unclosed <b><i>nest</b></i> <table><tr><td>${page(48).replace(/<\/p>/g, '').replace(/<\/article>/g, '')}<<>><!-- never closed`),
    '/login-form': html('<html><head><title>Sign in</title></head><body><form method="post" action="/login"><label>User <input name="u"></label><label>Password <input type="password" name="p"></label><button>Sign in</button></form></body></html>'),
    '/home-page': html(`<html><head><title>The Daily Test</title></head><body><nav>${Array.from({ length: 60 }, (_, i) => `<a href="/story/${i}">Headline number ${i} about the council budget</a>`).join(' | ')}</nav></body></html>`),
    '/meta-refresh': html('<html><head><meta http-equiv="refresh" content="0; url=/refresh-target"></head><body><p>Moved.</p></body></html>'),
    '/js-redirect': html('<html><head><script>location.href="/script-target"; fetch("/script-target");</script></head><body><p>Moved.</p><img src="/script-target" onerror="location=\'/script-target\'"></body></html>'),
    '/refresh-target': html(page(49)),
    '/script-target': html(page(50)),
    '/no-content-type': (_q, s) => void s.writeHead(200).end(page(51)),
    '/idn': html(page(52)),
    '/normal': html(page(53)),
    '/after': html(page(54)),
  };
}

/** Answers robots.txt for the hostile host names; false for any other host (it gets a 404: allow all). */
function robots(host: string, res: http.ServerResponse, req: http.IncomingMessage): boolean {
  if (host === ROBOTS_HOSTS.disallow) return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /\n'), true;
  if (host === ROBOTS_HOSTS.error) return void res.writeHead(500).end('oops'), true;
  if (host === ROBOTS_HOSTS.slow) {
    const timer = setTimeout(() => req.socket.destroy(), STALL_MS);
    req.socket.once('close', () => clearTimeout(timer));
    return true;
  }
  return false;
}

export async function startHostileServer(routes: Record<string, Handler>): Promise<HostileServer> {
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    const key = pathname === '/robots.txt' ? `${host}/robots.txt` : pathname.startsWith('/long/') ? '/long/' : pathname;
    hits.set(key, (hits.get(key) ?? 0) + 1);
    if (pathname === '/robots.txt') {
      if (!robots(host, res, req)) res.writeHead(404).end();
      return;
    }
    const route = routes[pathname] ?? (pathname.startsWith('/long/') ? routes['/normal'] : undefined);
    if (route) return route(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  server.keepAliveTimeout = 1000;
  // A long URL must reach the fetcher's own limit, not node's header limit.
  server.maxHeadersCount = 100;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hits: (path) => hits.get(path) ?? 0,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
