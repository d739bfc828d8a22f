import { describe, expect, it } from 'vitest';
import { readJsonLdArticle } from '../src/extract/json-ld.ts';
import { parseDocument } from '../src/extract/parse-document.ts';

function jsonLdOf(...blocks: Array<{ type?: string; json: string }>): ReturnType<typeof readJsonLdArticle> {
  const scripts = blocks.map(({ type = 'application/ld+json', json }) => `<script type="${type}">${json}</script>`).join('');
  const { document, close } = parseDocument(`<html><head>${scripts}</head><body></body></html>`, 'https://news.example/');
  try {
    return readJsonLdArticle(document);
  } finally {
    close();
  }
}

describe('readJsonLdArticle', () => {
  it('reads headline, author names and datePublished of a NewsArticle', () => {
    const json = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: ' Storm  hits coast ',
      author: { '@type': 'Person', name: 'Ana Ruiz' },
      datePublished: '2024-01-02T03:04:05Z',
    });
    expect(jsonLdOf({ json })).toEqual({
      type: 'NewsArticle',
      headline: 'Storm hits coast',
      authors: ['Ana Ruiz'],
      datePublished: '2024-01-02T03:04:05Z',
    });
  });

  it('accepts a type with MIME parameters and CDATA wrapping, and skips malformed blocks', () => {
    const json = '<![CDATA[{"@type":"BlogPosting","headline":"Post","author":"Kim"}]]>';
    expect(jsonLdOf({ json: '{ not json' }, { type: 'Application/LD+JSON; charset=utf-8', json })).toEqual({
      type: 'BlogPosting',
      headline: 'Post',
      authors: ['Kim'],
      datePublished: null,
    });
  });

  it('finds the article inside nested @graph arrays and resolves @id author references', () => {
    const json = JSON.stringify([
      { '@type': 'Organization', name: 'Org' },
      {
        '@graph': [
          { '@type': 'Person', '@id': '#a', name: 'First Author' },
          { '@type': ['WebPage', 'schema:ReportageNewsArticle'], name: 'By name', author: [{ '@id': '#a' }, { '@id': '#missing' }, 'Second Author', 'First Author'] },
        ],
      },
    ]);
    expect(jsonLdOf({ json })).toEqual({
      type: 'ReportageNewsArticle',
      headline: 'By name',
      authors: ['First Author', 'Second Author'],
      datePublished: null,
    });
  });

  it('takes the first article in document order and ignores non-article types', () => {
    expect(
      jsonLdOf(
        { json: '{"@type":"WebPage","headline":"Not this"}' },
        { json: '{"@type":"http://schema.org/Article","headline":"This one"}' },
        { json: '{"@type":"NewsArticle","headline":"Not the later one"}' },
      ),
    ).toEqual({ type: 'Article', headline: 'This one', authors: [], datePublished: null });
  });

  it('is null when there is no article', () => {
    expect(jsonLdOf()).toBeNull();
    expect(jsonLdOf({ json: '{"@type":"Recipe","name":"Soup"}' }, { type: 'text/javascript', json: '{"@type":"NewsArticle"}' })).toBeNull();
  });
});
