import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { decodeHtml, extract, processPage } from '../src/index.ts';

interface CharsetCase {
  contentType?: string;
  charset: string;
  title: string;
  firstParagraph: string;
  lastParagraph: string;
  /** The extracted blocks' texts. Readability keeps the <h1> of the Cyrillic and Japanese pages:
   * its title-duplicate check splits words on \W, which finds no words in those scripts. */
  textParagraphs: string[];
}

const fixture = (name: string): Uint8Array => readFileSync(new URL(`fixtures/charset/${name}`, import.meta.url));
const cases = JSON.parse(readFileSync(new URL('fixtures/charset/expected.json', import.meta.url), 'utf8')) as Record<
  string,
  CharsetCase
>;

describe('decodeHtml on charset fixtures', () => {
  for (const [name, expected] of Object.entries(cases)) {
    it(`${name}: decodes as ${expected.charset}`, () => {
      const { html, charset } = decodeHtml(fixture(name), expected.contentType);
      expect(charset).toBe(expected.charset);
      expect(html).toContain(`<p>${expected.firstParagraph}</p>`);
      expect(html).toContain(`<p>${expected.lastParagraph}</p>`);
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true); // a BOM is stripped
    });

    it(`${name}: gives the same text jsdom 29 parses from the bytes`, () => {
      const raw = fixture(name);
      const { html, charset } = decodeHtml(raw, expected.contentType);
      const dom = new JSDOM(raw, expected.contentType ? { contentType: expected.contentType } : {});
      try {
        expect(charset).toBe(dom.window.document.characterSet.toLowerCase());
        expect(new JSDOM(html).window.document.body.innerHTML).toBe(dom.window.document.body.innerHTML);
      } finally {
        dom.window.close();
      }
    });

    it(`${name}: processPage reads the title and text through the whole pipeline`, () => {
      const result = processPage(fixture(name), { url: 'https://news.example/page', contentType: expected.contentType });
      expect(result.charset).toBe(expected.charset);
      expect(result.title).toBe(expected.title);
      // Whatever the cleaner makes of the heading, the two paragraphs come through intact.
      expect(result.text.split('\n\n')).toEqual(expect.arrayContaining([expected.firstParagraph, expected.lastParagraph]));
      expect(result.text.endsWith(expected.lastParagraph)).toBe(true);
    });

    it(`${name}: extract gets the blocks from the decoded text`, () => {
      const { html } = decodeHtml(fixture(name), expected.contentType);
      const { blocks } = extract(html, { url: 'https://news.example/page' });
      expect(blocks.map((block) => block.text)).toEqual(expected.textParagraphs);
    });
  }
});

describe('decodeHtml precedence', () => {
  const enc = new TextEncoder();

  it('a BOM beats the Content-Type charset and the meta tag', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('<meta charset="shift_jis"><p>é</p>')]);
    expect(decodeHtml(bytes, 'text/html; charset=windows-1251')).toEqual({
      html: '<meta charset="shift_jis"><p>é</p>',
      charset: 'utf-8',
    });
  });

  it('the Content-Type charset beats a meta tag', () => {
    const bytes = new Uint8Array([...enc.encode('<meta charset="utf-8"><p>'), 0xcf, 0xf0, ...enc.encode('</p>')]);
    expect(decodeHtml(bytes, 'text/html; charset="cp1251"')).toEqual({
      html: '<meta charset="utf-8"><p>Пр</p>',
      charset: 'windows-1251',
    });
  });

  it('falls back to windows-1252, and ignores unknown labels and unparseable headers', () => {
    const bytes = new Uint8Array([...enc.encode('<p>'), 0x93, 0x80, 0x94, ...enc.encode('</p>')]);
    expect(decodeHtml(bytes).charset).toBe('windows-1252');
    expect(decodeHtml(bytes, 'text/html; charset=no-such-charset').html).toBe('<p>“€”</p>');
    expect(decodeHtml(bytes, '///').charset).toBe('windows-1252');
  });

  it('a meta charset beyond the first 1024 bytes is not seen', () => {
    const bytes = enc.encode(`<!-- ${'x'.repeat(1100)} --><meta charset="utf-8"><p>é</p>`);
    expect(decodeHtml(bytes).charset).toBe('windows-1252');
  });

  it('a meta naming UTF-16 means UTF-8 (the prescan only sees ASCII-compatible bytes)', () => {
    expect(decodeHtml(enc.encode('<meta charset="utf-16le"><p>é</p>')).charset).toBe('utf-8');
  });

  it('invalid UTF-8 becomes U+FFFD instead of throwing', () => {
    const bytes = new Uint8Array([...enc.encode('<p>'), 0xff, 0xfe, 0xc3, ...enc.encode('</p>')]);
    expect(decodeHtml(bytes, 'text/html; charset=utf-8').html).toBe('<p>\uFFFD\uFFFD\uFFFD</p>');
  });
});
