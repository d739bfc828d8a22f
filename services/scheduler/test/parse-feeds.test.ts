import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MalformedSourceError, UnsupportedSourceError, parseSource } from '../src/index.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('RSS 2.0', () => {
  const parsed = parseSource({
    body: fixture('rss2.xml'),
    url: 'https://news.example/feed.xml',
    contentType: 'application/rss+xml; charset=utf-8',
  });

  it('lists the items in order, resolving links, origLinks and permalink guids', () => {
    expect(parsed.kind).toBe('rss');
    expect(parsed.entries.map((entry) => entry.url)).toEqual([
      'https://news.example/2024/05/budget',
      'https://news.example/2024/05/storm',
      'https://news.example/2024/05/guid-only',
      'https://news.example/2024/05/origin',
    ]);
  });

  it('reads pubDate, dc:date and atom:updated as ISO dates and keeps the latest for a duplicate', () => {
    const [budget, storm, guidOnly] = parsed.entries;
    expect(budget).toEqual({
      url: 'https://news.example/2024/05/budget',
      title: 'Council approves <em>new</em> budget',
      publishedAt: '2024-05-16T08:30:00.000Z',
      updatedAt: '2024-05-15T10:00:00.000Z',
    });
    expect(storm?.publishedAt).toBe('2024-05-13T15:05:00.000Z');
    expect(storm?.title).toBe('Storm & floods');
    expect(guidOnly?.publishedAt).toBe('2024-05-12T14:00:00.000Z');
  });

  it('records entries without a usable link instead of dropping them silently', () => {
    expect(parsed.rejected).toEqual([
      { value: '', reason: 'entry has no link' },
      { value: 'mailto:desk@news.example', reason: 'link scheme mailto: is not http or https' },
    ]);
  });

  it('is detected from the body even when served as text/html', () => {
    const asHtml = parseSource({ body: fixture('rss2.xml'), url: 'https://news.example/feed', contentType: 'text/html' });
    expect(asHtml.kind).toBe('rss');
    expect(asHtml.entries).toEqual(parsed.entries);
  });
});

describe('RSS 1.0 (RDF)', () => {
  it('reads items beside the channel, falling back to rdf:about', () => {
    const parsed = parseSource({ body: fixture('rss1.rdf'), url: 'https://blog.example/index.rdf' });
    expect(parsed.kind).toBe('rss');
    expect(parsed.entries).toEqual([
      { url: 'https://blog.example/one', title: 'One', publishedAt: '2024-03-01T12:00:00.000Z' },
      { url: 'https://blog.example/two', title: 'Two' },
    ]);
  });
});

describe('Atom', () => {
  const parsed = parseSource({ body: fixture('atom.xml'), url: 'https://atom.example/feed.atom' });

  it('takes the HTML alternate link, resolved against xml:base on the entry and the feed', () => {
    expect(parsed.kind).toBe('atom');
    expect(parsed.entries).toEqual([
      {
        url: 'https://atom.example/blog/posts/first',
        title: 'First &lt;post&gt;',
        publishedAt: '2024-05-30T06:00:00.000Z',
        updatedAt: '2024-05-31T09:15:00.000Z',
      },
      { url: 'https://other.example/second.html', title: 'Second', updatedAt: '2024-05-29T00:00:00.000Z' },
    ]);
    expect(parsed.rejected).toEqual([{ value: '', reason: 'entry has no link' }]);
  });

  it('finds entries under a prefixed Atom namespace too', () => {
    const xml = `<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>P</a:title>
      <a:entry><a:link href="https://p.example/1"/><a:updated>2024-01-01T00:00:00Z</a:updated></a:entry></a:feed>`;
    const prefixed = parseSource({ body: xml, url: 'https://p.example/feed' });
    expect(prefixed).toEqual({
      kind: 'atom',
      entries: [{ url: 'https://p.example/1', updatedAt: '2024-01-01T00:00:00.000Z' }],
      rejected: [],
    });
  });
});

describe('JSON Feed', () => {
  it('uses url, then a URL id; never external_url', () => {
    const parsed = parseSource({
      body: fixture('feed.json'),
      url: 'https://json.example/feed.json',
      contentType: 'application/feed+json',
    });
    expect(parsed.kind).toBe('json-feed');
    expect(parsed.entries).toEqual([
      {
        url: 'https://json.example/posts/1',
        title: 'First JSON post',
        publishedAt: '2024-04-01T14:00:00.000Z',
        updatedAt: '2024-04-02T10:00:00.000Z',
      },
      { url: 'https://json.example/posts/2' },
      { url: 'https://json.example/posts/3', title: 'Relative' },
    ]);
    expect(parsed.rejected).toEqual([{ value: '', reason: 'entry has no link' }]);
  });

  it('rejects a JSON Feed without items as malformed', () => {
    const body = JSON.stringify({ version: 'https://jsonfeed.org/version/1', title: 'x' });
    expect(() => parseSource({ body, url: 'https://json.example/feed.json' })).toThrow(
      /JSON Feed has no "items" array/,
    );
  });
});

describe('malformed and unsupported input', () => {
  it('a broken RSS feed is a permanent MalformedSourceError with the position', () => {
    let error: unknown;
    try {
      parseSource({ body: fixture('malformed-rss.xml'), url: 'https://broken.example/feed' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MalformedSourceError);
    const malformed = error as MalformedSourceError;
    expect(malformed.code).toBe('malformed-source');
    expect(malformed.retryable).toBe(false);
    expect(malformed.message).toMatch(/^RSS feed is not well-formed XML \(line 8, column \d+\): /);
  });

  it('a JSON Feed with a syntax error is malformed', () => {
    expect(() =>
      parseSource({ body: '{"version": "https://jsonfeed.org/version/1.1", "items": [', url: 'https://j.example/f' }),
    ).toThrow(MalformedSourceError);
  });

  it('an empty body declared as a feed is malformed', () => {
    expect(() => parseSource({ body: '  \n', url: 'https://e.example/f', contentType: 'application/atom+xml' })).toThrow(
      'Atom feed body is empty',
    );
  });

  it('an RSS document without a channel is malformed', () => {
    expect(() => parseSource({ body: '<rss version="2.0"></rss>', url: 'https://e.example/f' })).toThrow(
      'RSS feed has no <channel> element',
    );
  });

  it('other XML, other JSON and binary bodies are unsupported, not malformed', () => {
    expect(() => parseSource({ body: '<note><to>x</to></note>', url: 'https://e.example/n' })).toThrow(
      new UnsupportedSourceError('XML root element <note> is not RSS, Atom, a sitemap or a sitemap index'),
    );
    expect(() => parseSource({ body: '{"hello": 1}', url: 'https://e.example/j' })).toThrow(UnsupportedSourceError);
    const pdf = new TextEncoder().encode('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj');
    expect(() => parseSource({ body: pdf, url: 'https://e.example/p', contentType: 'application/pdf' })).toThrow(
      'body is not a feed, a sitemap or an HTML page (content type application/pdf)',
    );
  });

  it('an HTML page is kind html with no entries (the caller runs discovery)', () => {
    const parsed = parseSource({ body: fixture('home.html'), url: 'https://site.example/', contentType: 'text/html' });
    expect(parsed).toEqual({ kind: 'html', entries: [], rejected: [] });
    // Not well-formed XML, and no content type: still recognised by its doctype and root.
    const bare = parseSource({ body: '<!doctype html><p>hi<br>there', url: 'https://site.example/' });
    expect(bare.kind).toBe('html');
  });
});

describe('decoding', () => {
  it('honours the XML declaration encoding', () => {
    const xml = '<?xml version="1.0" encoding="windows-1251"?><rss><channel><item><title>\u041d\u043e\u0432\u043e\u0441\u0442\u0438</title><link>https://ru.example/1</link></item></channel></rss>';
    const bytes = encodeWindows1251(xml);
    const parsed = parseSource({ body: bytes, url: 'https://ru.example/rss' });
    expect(parsed.entries).toEqual([{ url: 'https://ru.example/1', title: '\u041d\u043e\u0432\u043e\u0441\u0442\u0438' }]);
  });

  it('strips a UTF-8 byte-order mark', () => {
    const body = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(readFileSync(new URL('./fixtures/sitemap.xml', import.meta.url), 'utf8'))]);
    expect(parseSource({ body, url: 'https://site.example/sitemap.xml' }).entries).toHaveLength(3);
  });
});

/** Cyrillic letters only; enough for the fixture above. */
function encodeWindows1251(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => {
    const code = char.charCodeAt(0);
    if (code < 0x80) return code;
    if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
    throw new Error(`no windows-1251 byte for ${char}`);
  });
}
