import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
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

/** The installed version, read from the manifest (parse5 and htmlparser2 do not export theirs). */
const installed = (name: string): string =>
  (JSON.parse(fs.readFileSync(fileURLToPath(new URL(`../../../node_modules/${name}/package.json`, import.meta.url)), 'utf8')) as { version: string }).version;

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
      dom: DOM_VERSION,
      gate: `1;min-text-chars=${DEFAULT_MIN_TEXT_CHARS}`,
    });
    // jsdom is not what production reads pages on: it is named only on a page that fell back to it.
    expect(versions).not.toHaveProperty('jsdom');
    // The DOM actually used is named with its builder's and its DOM's installed versions (and the
    // patch applied to the DOM), so upgrading or patching either changes `pipeline`.
    expect(versions.dom).toBe(`parse5@${installed('parse5')}+linkedom@${installed('linkedom')}+vellum.5`);
    // The prefilter's tokenizer, patched at install (patches/htmlparser2+10.1.0.patch), says so too.
    expect(versions['htmlparser2']).toBe(`${installed('htmlparser2')}+vellum.1`);
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
