/**
 * A web site on 127.0.0.1 whose pages a test can change between runs. Every route answers
 * conditional GETs with a strong ETag of its body, so a test can see the 304s the scheduler earns.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Page {
  body: string | Uint8Array;
  contentType: string;
  /** Default true: send an ETag and answer If-None-Match with 304. */
  etag?: boolean;
  status?: number;
}

export interface Hit {
  path: string;
  status: number;
  ifNoneMatch: string | null;
}

export class TestSite {
  readonly hits: Hit[] = [];
  private readonly pages = new Map<string, Page>();
  private server: Server | undefined;
  origin = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  set(path: string, page: Page): void {
    this.pages.set(path, page);
  }

  /** Hits of one path, oldest first. */
  hitsOf(path: string): Hit[] {
    return this.hits.filter((hit) => hit.path === path);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', this.origin).pathname;
    const ifNoneMatch = (req.headers['if-none-match'] as string | undefined) ?? null;
    const page = this.pages.get(path) ?? (path === '/robots.txt' ? { body: 'User-agent: *\nAllow: /\n', contentType: 'text/plain' } : undefined);
    if (!page) {
      this.hits.push({ path, status: 404, ifNoneMatch });
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const body = typeof page.body === 'string' ? Buffer.from(page.body) : Buffer.from(page.body);
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    const headers: Record<string, string> = { 'content-type': page.contentType };
    if (page.etag !== false) headers.etag = etag;
    if (page.etag !== false && ifNoneMatch === etag) {
      this.hits.push({ path, status: 304, ifNoneMatch });
      res.writeHead(304, headers).end();
      return;
    }
    const status = page.status ?? 200;
    this.hits.push({ path, status, ifNoneMatch });
    res.writeHead(status, { ...headers, 'content-length': String(body.length) }).end(body);
  }
}

/** An article page long enough for Readability to call it one. */
export function articlePage(title: string): string {
  const paragraph = (n: number) =>
    `<p>Paragraph ${n} of "${title}": the council met on Tuesday evening to discuss the budget, the new ` +
    `library, road repairs across the district and a long list of questions from residents who had ` +
    `waited months for answers about the state of the old bridge and the plans for its replacement.</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>
    <header><nav><a href="/">Home</a></nav></header>
    <article><h1>${title}</h1>${[1, 2, 3, 4, 5, 6].map(paragraph).join('\n')}</article>
    <footer>Example footer</footer></body></html>`;
}

export function rssFeed(items: Array<{ path: string; title: string; updated?: string }>, origin: string): string {
  const xmlItems = items
    .map(
      (item) => `<item><title>${item.title}</title><link>${origin}${item.path}</link>` +
        (item.updated ? `<atom:updated>${item.updated}</atom:updated>` : '') + `</item>`,
    )
    .join('\n');
  return `<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Test</title>
    <link>${origin}/</link>${xmlItems}</channel></rss>`;
}

export function sitemap(paths: string[], origin: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
    paths.map((path) => `<url><loc>${origin}${path}</loc></url>`).join('') + `</urlset>`;
}
