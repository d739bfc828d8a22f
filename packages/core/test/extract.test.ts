import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOM_VERSION, InvalidInputError, NotAnArticleError, PermanentError, extract, isRetryable } from '../src/index.ts';
import type { Block, PageMetadata } from '../src/index.ts';

interface ExtractFixture {
  url: string;
  metadata: PageMetadata;
  blocks: Block[];
}

const dir = new URL('fixtures/extract/', import.meta.url);

describe('extract fixtures (HTML -> expected metadata and blocks JSON)', () => {
  const names = readdirSync(dir).filter((name) => name.endsWith('.html'));
  it('has fixtures', () => expect(names.length).toBeGreaterThanOrEqual(3));
  for (const name of names) {
    it(name, () => {
      const html = readFileSync(new URL(name, dir), 'utf8');
      const expected = JSON.parse(readFileSync(new URL(name.replace(/\.html$/, '.json'), dir), 'utf8')) as ExtractFixture;
      const result = extract(html, { url: expected.url });
      expect(result.metadata).toEqual(expected.metadata);
      expect(result.blocks).toEqual(expected.blocks);
      // contentHtml is Readability's element serialized once, holding the same text.
      expect(result.contentHtml).toContain(expected.blocks[0]!.text.slice(0, 40));
      expect(result.contentHtml).not.toMatch(/<script|<nav|<footer/);
    });
  }
});

describe('extract errors', () => {
  const url = 'https://news.example/story';

  it('an empty page is NotAnArticleError, a permanent error', () => {
    const error = catchError(() => extract('', { url }));
    expect(error).toBeInstanceOf(NotAnArticleError);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as NotAnArticleError).code).toBe('not-an-article');
    expect(isRetryable(error)).toBe(false);
  });

  it('a script-only application shell is NotAnArticleError', () => {
    const html = '<!DOCTYPE html><html><head><title>App</title></head><body><div id="root"></div><script src="/app.js"></script></body></html>';
    expect(() => extract(html, { url })).toThrow(NotAnArticleError);
  });

  it('an image gallery with no text is NotAnArticleError', () => {
    const html = '<html><body><div class="gallery"><img src="a.jpg"><img src="b.jpg"><img src="c.jpg"></div></body></html>';
    expect(() => extract(html, { url })).toThrow(NotAnArticleError);
  });

  it('a navigation page (Readability falls back to its menu) is NotAnArticleError', () => {
    const html = `<html><head><title>Home</title></head><body><nav><ul>
      <li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li>
      </ul></nav><footer>© 2024</footer></body></html>`;
    expect(() => extract(html, { url })).toThrow(/nothing but links/);
  });

  it('a home page whose links are joined by separators (| · • ») is still nothing but links', () => {
    const links = Array.from({ length: 60 }, (_, i) => `<a href="/story/${i}">Headline number ${i} about the council budget</a>`);
    for (const separator of [' | ', ' · ', ' • ', ' » ']) {
      const html = `<html><head><title>The Daily</title></head><body><nav>${links.join(separator)}</nav></body></html>`;
      expect(() => extract(html, { url }), separator).toThrow(/nothing but links/);
    }
  });

  it('a relative or malformed URL is InvalidInputError', () => {
    expect(() => extract('<p>text</p>', { url: '/relative/path' })).toThrow(InvalidInputError);
    expect(() => extract('<p>text</p>', { url: 'http://' })).toThrow(InvalidInputError);
  });
});

describe('extract', () => {
  it('does not run scripts or load anything, and survives CSS jsdom cannot parse', () => {
    const html = `<html><head><style>$brand: red; .a { .b { color: $brand; } }</style>
      <script>document.title = 'changed by script';</script>
      <title>Original title of this story</title></head><body><article>
      <p>${'A long enough paragraph for Readability to take it as the article. '.repeat(4)}</p>
      <img src="https://tracker.invalid/pixel.gif" onerror="document.title = 'changed by onerror'">
      <p>${'Another paragraph with words so that the article has body text. '.repeat(4)}</p>
      </article></body></html>`;
    const result = extract(html, { url: 'https://news.example/a' });
    // Either script would have rewritten the title had it run.
    expect(result.metadata.title).toBe('Original title of this story');
  });

  it('resolves images and links against the page URL', () => {
    const html = `<html><body><article><p>${'Words in a paragraph that make it an article worth reading. '.repeat(5)}<a href="../other">other</a></p>
      <figure><img src="img/photo.jpg" alt="A photo"><figcaption>Caption text</figcaption></figure>
      <p>${'More words in a second paragraph to keep the content around. '.repeat(5)}</p></article></body></html>`;
    const { blocks } = extract(html, { url: 'https://news.example/a/b/story.html' });
    expect(blocks.find((b) => b.kind === 'figure')).toEqual({
      kind: 'figure',
      text: '',
      src: 'https://news.example/a/b/img/photo.jpg',
      alt: 'A photo',
      caption: 'Caption text',
    });
    expect(blocks[0]!.links).toEqual([{ text: 'other', href: 'https://news.example/a/other' }]);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('the DOM builder', () => {
  it('is parse5 building linkedom, with the patch in patches/ applied at install, and says so', () => {
    expect(DOM_VERSION).toMatch(/^parse5@\d+\.\d+\.\d+\+linkedom@\d+\.\d+\.\d+\+vellum\.\d+$/);
  });
});
