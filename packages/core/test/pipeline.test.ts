import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  DECODE_VERSION,
  DOM_VERSION,
  EXTRACT_VERSION,
  HASH_VERSION,
  NORMALIZE_VERSION,
  NotAnArticleError,
  DEFAULT_MIN_TEXT_CHARS,
  PREFILTER_VERSION,
  cleanVersion,
  pipelineVersions,
  processPage,
  sha256Hex,
} from '../src/index.ts';

const require = createRequire(import.meta.url);
const installed = (name: string): string => (require(`${name}/package.json`) as { version: string }).version;

const BODY = `
  <p>The regional parliament approved the budget on Thursday after a debate that lasted more than eleven hours and ended shortly before midnight.</p>
  <p>Opposition members said the plan cuts too deeply into school funding, while the governing coalition argued that the deficit left no other choice this year.</p>
  <p>The budget now goes to the upper chamber, which is expected to vote on it in two weeks.</p>`;

describe('pipelineVersions', () => {
  it('records every stage and the installed library versions', () => {
    const versions = pipelineVersions();
    expect(versions).toMatchObject({
      decode: DECODE_VERSION,
      prefilter: PREFILTER_VERSION,
      extract: EXTRACT_VERSION,
      clean: cleanVersion(),
      normalize: NORMALIZE_VERSION,
      hash: HASH_VERSION,
      readability: installed('@mozilla/readability'),
      jsdom: installed('jsdom'),
      dom: DOM_VERSION,
      gate: `1;min-text-chars=${DEFAULT_MIN_TEXT_CHARS}`,
    });
    // The DOM actually used is named with its installed version (and the patch applied to it),
    // so upgrading or patching it changes `pipeline`.
    const [domName, domVersion] = versions.dom!.split('@');
    expect(domVersion).toBe(`${installed(domName!)}+vellum.4`);
    expect(versions.pipeline).toMatch(/^1-[0-9a-f]{12}$/);
  });

  it('is stable, and the pipeline version is derived from every other entry', () => {
    const versions = pipelineVersions();
    expect(pipelineVersions()).toEqual(versions);
    const { pipeline, ...stages } = versions;
    const lines = Object.keys(stages).sort().map((name) => `${name}=${stages[name]}`);
    expect(pipeline).toBe(`1-${sha256Hex(lines.join('\n')).slice(0, 12)}`);
  });
});

describe('processPage', () => {
  const url = 'https://region.example/politics/budget-approved';

  it('falls back to JSON-LD for title, byline, authors and publishedAt, and to og:url for the canonical URL', () => {
    // Readability cannot read this JSON-LD (@type is an array) and the page has no <title>.
    const html = `<html><head>
      <meta property="article:published_time" content="2024-01-01T00:00:00Z">
      <meta property="og:url" content="https://region.example/politics/budget-approved">
      <script type="application/ld+json">{"@context":"https://schema.org","@type":["NewsArticle"],
        "headline":"Budget approved after eleven-hour debate",
        "author":[{"@type":"Person","name":"Ana Ruiz"},{"@type":"Person","name":"Ben Ode"}],
        "datePublished":"2024-03-01T10:00:00-05:00"}</script>
      </head><body><article>${BODY}</article></body></html>`;
    const result = processPage(html, { url: `${url}?from=home` });
    expect(result).toMatchObject({
      title: 'Budget approved after eleven-hour debate',
      byline: 'Ana Ruiz, Ben Ode',
      authors: ['Ana Ruiz', 'Ben Ode'],
      publishedAt: '2024-03-01T15:00:00.000Z',
      canonicalUrl: 'https://region.example/politics/budget-approved',
    });
  });

  it('prefers <link rel=canonical> over og:url, and uses the byline as the author when nothing else names one', () => {
    const html = `<html lang="en"><head><title>Budget approved after eleven-hour debate</title>
      <meta name="author" content="Staff Reporter">
      <link rel="canonical" href="/politics/budget">
      <meta property="og:url" content="https://region.example/og-url"></head>
      <body><article>${BODY}</article></body></html>`;
    const result = processPage(html, { url });
    expect(result).toMatchObject({
      byline: 'Staff Reporter',
      authors: ['Staff Reporter'],
      canonicalUrl: 'https://region.example/politics/budget',
      publishedAt: null,
      lang: 'en',
    });
  });

  it('fills every field of the result, with the text hashed', () => {
    const html = `<html><head><title>Budget approved after eleven-hour debate</title></head><body><article>${BODY}</article></body></html>`;
    const result = processPage(html, { url });
    expect(Object.keys(result).sort()).toEqual(
      [
        'authors', 'byline', 'canonicalUrl', 'charset', 'charsetSource', 'contentHash', 'excerpt', 'lang', 'media', 'ogUrl', 'publishedAt',
        'rawSha256', 'removed', 'siteName', 'text', 'title', 'versions',
      ].sort(),
    );
    expect(result.text.split('\n\n')).toHaveLength(3);
    expect(result.contentHash).toBe(sha256Hex(result.text));
    expect(result.versions).toEqual(pipelineVersions({ url }));
    expect(result.authors).toEqual([]);
    expect(result.byline).toBeNull();
  });

  it('takes a string as decoded UTF-8: charset utf-8, rawSha256 over its UTF-8 bytes', () => {
    const html = `<html><head><title>Café – déjà vu</title></head><body><article>${BODY}</article></body></html>`;
    const result = processPage(html, { url });
    expect(result.charset).toBe('utf-8');
    expect(result.rawSha256).toBe(sha256Hex(new TextEncoder().encode(html)));
  });

  it('decodes bytes with the Content-Type charset', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode(`<html><head><title>Caf`), 0xe9, ...new TextEncoder().encode(` news today and more</title></head><body><article>${BODY}</article></body></html>`)]);
    const result = processPage(bytes, { url, contentType: 'text/html; charset=iso-8859-1' });
    expect(result.charset).toBe('windows-1252');
    expect(result.title).toBe('Café news today and more');
    expect(result.rawSha256).toBe(sha256Hex(bytes));
  });

  it('passes extraction errors through as permanent errors', () => {
    expect(() => processPage(new Uint8Array(), { url })).toThrow(NotAnArticleError);
  });
});
