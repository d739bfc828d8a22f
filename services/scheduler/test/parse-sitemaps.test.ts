import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MalformedSourceError, parseSource } from '../src/index.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('sitemap.xml', () => {
  it('lists every <loc> with its lastmod as updatedAt', () => {
    const parsed = parseSource({ body: fixture('sitemap.xml'), url: 'https://site.example/sitemap.xml', contentType: 'application/xml' });
    expect(parsed).toEqual({
      kind: 'sitemap',
      entries: [
        { url: 'https://site.example/articles/alpha', updatedAt: '2024-02-01T00:00:00.000Z' },
        { url: 'https://site.example/articles/beta?id=2&page=1', updatedAt: '2024-02-03T14:20:00.000Z' },
        { url: 'https://site.example/articles/gamma' },
      ],
      rejected: [],
    });
  });

  it('inflates a gzip-file sitemap (.xml.gz served without Content-Encoding)', () => {
    const parsed = parseSource({
      body: gzipSync(fixture('sitemap.xml')),
      url: 'https://site.example/sitemap.xml.gz',
      contentType: 'application/x-gzip',
    });
    expect(parsed.kind).toBe('sitemap');
    expect(parsed.entries).toHaveLength(3);
  });

  it('stops a gzip bomb at the cap with a clear reason', () => {
    const bomb = gzipSync(Buffer.alloc(2 * 1024 * 1024, 0x20));
    expect(() => parseSource({ body: bomb, url: 'https://site.example/s.xml.gz' }, { maxDecodedBytes: 1024 * 1024 })).toThrow(
      new MalformedSourceError('gzip-compressed source decompresses to more than 1048576 bytes'),
    );
  });

  it('reads a plain-text sitemap, one URL per line', () => {
    const body = 'https://site.example/a\r\nhttps://site.example/b\n\nhttps://site.example/a\n';
    const parsed = parseSource({ body, url: 'https://site.example/sitemap.txt', contentType: 'text/plain' });
    expect(parsed.kind).toBe('sitemap');
    expect(parsed.entries.map((e) => e.url)).toEqual(['https://site.example/a', 'https://site.example/b']);
  });

  it('caps the entries kept from one document and records the rest', () => {
    const parsed = parseSource({ body: fixture('sitemap.xml'), url: 'https://site.example/sitemap.xml' }, { maxEntries: 2 });
    expect(parsed.entries).toHaveLength(2);
    expect(parsed.rejected).toEqual([
      { value: 'https://site.example/articles/gamma', reason: 'more than 2 entries in one document' },
    ]);
  });
});

describe('news sitemap', () => {
  it('reads news:publication_date and news:title whatever prefix the namespace is bound to', () => {
    const parsed = parseSource({ body: fixture('news-sitemap.xml'), url: 'https://site.example/news-sitemap.xml' });
    expect(parsed.kind).toBe('sitemap');
    expect(parsed.entries).toEqual([
      {
        url: 'https://site.example/news/election-results',
        updatedAt: '2024-06-02T21:00:00.000Z',
        publishedAt: '2024-06-02T18:30:00.000Z',
        title: 'Election results are in',
      },
      {
        url: 'https://site.example/news/markets',
        publishedAt: '2024-06-02T00:00:00.000Z',
        title: 'Markets close higher',
      },
    ]);
  });
});

describe('sitemap index', () => {
  it('lists child sitemaps, has no entries, and records a child it cannot follow', () => {
    const parsed = parseSource({ body: fixture('sitemap-index.xml'), url: 'https://site.example/sitemap-index.xml' });
    expect(parsed).toEqual({
      kind: 'sitemap-index',
      entries: [],
      childSitemaps: ['https://site.example/sitemaps/2024-05.xml', 'https://site.example/sitemaps/2024-06.xml.gz'],
      rejected: [{ value: 'ftp://site.example/old.xml', reason: 'child sitemap: link scheme ftp: is not http or https' }],
    });
  });

  it('a truncated sitemap index is malformed', () => {
    const text = readFileSync(new URL('./fixtures/sitemap-index.xml', import.meta.url), 'utf8').slice(0, 200);
    expect(() => parseSource({ body: text, url: 'https://site.example/sitemap-index.xml' })).toThrow(
      /^sitemap index is not well-formed XML \(line \d+, column \d+\)/,
    );
  });
});
