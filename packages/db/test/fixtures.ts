import type { StageVersions } from '@vellum/core';
import type { NewArticle, NewCapture } from '../src/index.ts';

export const VERSIONS: StageVersions = {
  pipeline: 'test-pipeline-1',
  prefilter: '1.0.0',
  extract: '1.0.0',
  clean: '1.0.0+rules.abc',
  normalize: '1.0.0',
  hash: '1.0.0',
  readability: '0.6.0',
  dom: 'parse5@8.1.1+linkedom@0.18.14+vellum.5',
};

/** Not valid UTF-8 on purpose: the archive must keep bytes, not text. */
export const RAW_BODY = new Uint8Array([0x3c, 0x70, 0x3e, 0xff, 0xfe, 0x00, 0xe9, 0x3c, 0x2f, 0x70, 0x3e]);

export function captureInput(overrides: Partial<NewCapture> = {}): NewCapture {
  return {
    requestedUrl: 'http://example.test/a?utm_source=x',
    finalUrl: 'https://example.test/a',
    redirectChain: [{ url: 'http://example.test/a?utm_source=x', status: 301, location: 'https://example.test/a' }],
    httpStatus: 200,
    requestHeaders: [['user-agent', 'Vellum/0.1 (+https://vellum.test)']],
    responseHeaders: [
      ['Content-Type', 'text/html; charset=windows-1252'],
      ['Set-Cookie', 'a=1'],
      ['Set-Cookie', 'b=2'],
      ['ETag', '"v1"'],
    ],
    fetchedAt: new Date('2025-01-02T03:04:05.678Z'),
    body: RAW_BODY,
    contentType: 'text/html',
    charset: 'windows-1252',
    fetcherVersion: 'fetcher-1.0.0',
    etag: '"v1"',
    lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT',
    outcome: 'ok',
    remoteAddress: '127.0.0.1',
    ...overrides,
  };
}

export function articleInput(captureId: number, overrides: Partial<NewArticle> = {}): NewArticle {
  return {
    captureId,
    url: 'https://example.test/a',
    canonicalUrl: 'https://example.test/a',
    declaredCanonicalUrl: 'https://example.test/a?ref=canonical',
    title: 'A title',
    byline: 'By Ada Lovelace',
    authors: ['Ada Lovelace'],
    siteName: 'Example',
    lang: 'en',
    publishedAt: '2025-01-01T10:00:00Z',
    excerpt: 'First paragraph.',
    text: 'First paragraph.\n\nSecond paragraph.',
    contentHash: 'a'.repeat(64),
    rawSha256: 'b'.repeat(64),
    removed: [{ rule: 'newsletter-prompt', text: 'Sign up now', position: 3 }],
    media: [{ src: 'https://example.test/p.jpg', caption: 'A photo', credit: 'Photo: Someone' }],
    versions: VERSIONS,
    pipelineVersion: VERSIONS.pipeline,
    ...overrides,
  };
}
