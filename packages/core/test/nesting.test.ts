/**
 * Deeply nested pages (issue 19 item 3): processPage gives a result or a typed, permanent error
 * for 10k, 50k and 100k nested elements of several kinds, never a stack overflow or minutes of
 * CPU. Only the outcome is asserted here; `npm run bench:nesting` prints the time.
 * Metadata (item 4): a deeply nested JSON-LD block and U+0000 in the title or author do not
 * fail the page.
 */
import { describe, expect, it } from 'vitest';
import { InvalidInputError, NotAnArticleError, processPage, UNSTORABLE_RULE } from '../src/index.ts';
import { MAX_NODES, readJsonLdArticle } from '../src/extract/json-ld.ts';
import { parseDocument } from '../src/extract/parse-document.ts';

const ARTICLE = `<p>${'The council met on Tuesday to debate the budget for the coming year, and the vote was close. '.repeat(8)}</p>`;
const url = 'https://news.example/story';

function nestedPage(depth: number, open: string, close: string): string {
  return `<!doctype html><html><head><title>Nested</title></head><body>${open.repeat(depth)}${ARTICLE}${close.repeat(depth)}</body></html>`;
}

/** The outcome of processPage: 'result' or the typed error's name; anything else is thrown on. */
function outcome(html: string): string {
  try {
    const result = processPage(html, { url });
    return result.text.length > 0 ? 'result' : 'empty';
  } catch (error) {
    if (error instanceof InvalidInputError || error instanceof NotAnArticleError) return error.name;
    throw error;
  }
}

const SHAPES: Array<[name: string, open: string, close: string]> = [
  ['div', '<div>', '</div>'],
  ['span', '<span>', '</span>'],
  ['b', '<b>', '</b>'],
  ['table', '<table><tr><td>', '</td></tr></table>'],
  ['unclosed div', '<div>', ''],
];

describe('processPage on deeply nested pages', () => {
  for (const depth of [10_000, 50_000, 100_000]) {
    for (const [name, open, close] of SHAPES) {
      it(`${depth.toLocaleString('en')} nested ${name}: a result or a typed error`, () => {
        expect(['result', 'InvalidInputError', 'NotAnArticleError']).toContain(outcome(nestedPage(depth, open, close)));
      });
    }
  }

  it('refuses 100,000 nested divs as invalid input, saying why', () => {
    expect(() => processPage(nestedPage(100_000, '<div>', '</div>'), { url })).toThrow(/nests its elements too deeply/);
  });

  it('reads the article of a page nested past the DOM depth cap (1,000 divs)', () => {
    const result = processPage(nestedPage(1000, '<div>', '</div>'), { url });
    expect(result.text).toContain('The council met on Tuesday');
  });
});

describe('metadata never fails the page', () => {
  const withHead = (head: string): string => `<html><head>${head}</head><body><article>${ARTICLE}</article></body></html>`;
  const jsonLdScript = (json: string): string => `<script type="application/ld+json">${json}</script>`;
  const article = '{"@type":"NewsArticle","headline":"Deep headline","author":{"name":"Ana Ruiz"}}';

  it('reads a page whose JSON-LD nests 100,000 arrays or @graph lists deep', () => {
    for (const json of [
      `${'['.repeat(100_000)}${article}${']'.repeat(100_000)}`,
      `${'{"@graph":'.repeat(100_000)}${article}${'}'.repeat(100_000)}`,
      `{"@type":"NewsArticle","headline":"H","author":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`,
    ]) {
      const result = processPage(withHead(`<title>Page title</title>${jsonLdScript(json)}`), { url });
      expect(result.text).toContain('The council met on Tuesday');
      expect(result.title).toBe('Page title');
    }
  });

  it('reads JSON-LD within its bounds: shallow nesting found, a flood of nodes cut short', () => {
    const read = (json: string) => {
      const { document } = parseDocument(withHead(jsonLdScript(json)), url);
      return readJsonLdArticle(document);
    };
    expect(read(`[[{"@graph":[${article}]}]]`)?.headline).toBe('Deep headline');
    const flood = `[${Array.from({ length: MAX_NODES }, () => '{"@type":"Thing"}').join(',')},${article}]`;
    expect(read(flood)).toBeNull();
  });

  it('reads U+0000 in markup as a browser does: U+FFFD in the title and attributes', () => {
    const html = withHead('<title>Budget\u0000 vote</title><meta name="author" content="Ana\u0000 Ruiz">');
    const result = processPage(html, { url });
    expect(result.title).toBe('Budget\uFFFD vote');
    expect(result.byline).toBe('Ana\uFFFD Ruiz');
  });

  it('removes U+0000 (from JSON-LD escapes) from the title, byline and authors, and records it', () => {
    const jsonLd = '{"@type":"NewsArticle","headline":"Budget\\u0000 vote","author":{"@type":"Person","name":"Ana\\u0000 Ruiz"}}';
    const html = withHead(`<script type="application/ld+json">${jsonLd}</script>`);
    const result = processPage(html, { url });
    expect(result.title).toBe('Budget vote');
    expect(result.byline).toBe('Ana Ruiz');
    expect(result.authors).toEqual(['Ana Ruiz']);
    expect(JSON.stringify(result)).not.toContain('\\u0000');
    expect(result.removed.filter((item) => item.rule === UNSTORABLE_RULE)).toEqual([
      { rule: UNSTORABLE_RULE, text: 'title: U+0000 x1 removed', position: -1 },
      { rule: UNSTORABLE_RULE, text: 'byline: U+0000 x1 removed', position: -1 },
      { rule: UNSTORABLE_RULE, text: 'authors[0]: U+0000 x1 removed', position: -1 },
    ]);
    // Deterministic: the same page gives the same result.
    expect(processPage(html, { url })).toEqual(result);
  });
});
