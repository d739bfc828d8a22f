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
      charsetSource: 'bom',
    });
  });

  it('the Content-Type charset beats a meta tag', () => {
    const bytes = new Uint8Array([...enc.encode('<meta charset="utf-8"><p>'), 0xcf, 0xf0, ...enc.encode('</p>')]);
    expect(decodeHtml(bytes, 'text/html; charset="cp1251"')).toEqual({
      html: '<meta charset="utf-8"><p>Пр</p>',
      charset: 'windows-1251',
      charsetSource: 'content-type',
    });
  });

  it('falls back to windows-1252, and ignores unknown labels and unparseable headers', () => {
    const bytes = new Uint8Array([...enc.encode('<p>'), 0x93, 0x80, 0x94, ...enc.encode('</p>')]);
    expect(decodeHtml(bytes).charset).toBe('windows-1252');
    expect(decodeHtml(bytes, 'text/html; charset=no-such-charset').html).toBe('<p>“€”</p>');
    expect(decodeHtml(bytes, '///').charset).toBe('windows-1252');
  });

  it('a meta charset beyond the first 1024 bytes is not seen', () => {
    const bytes = enc.encode(`<!-- ${'x'.repeat(1100)} --><meta charset="shift_jis"><p>é</p>`);
    expect(decodeHtml(bytes)).toMatchObject({ charset: 'utf-8', charsetSource: 'valid-utf-8' });
  });

  it('a meta naming UTF-16 means UTF-8 (the prescan only sees ASCII-compatible bytes)', () => {
    expect(decodeHtml(enc.encode('<meta charset="utf-16le"><p>é</p>')).charset).toBe('utf-8');
  });

  it('invalid UTF-8 becomes U+FFFD instead of throwing', () => {
    const bytes = new Uint8Array([...enc.encode('<p>'), 0xff, 0xfe, 0xc3, ...enc.encode('</p>')]);
    expect(decodeHtml(bytes, 'text/html; charset=utf-8').html).toBe('<p>\uFFFD\uFFFD\uFFFD</p>');
  });
});

describe('decodeHtml without a declared charset (issue 19 item 5)', () => {
  const enc = new TextEncoder();
  const page = (title: string, body: string) =>
    `<!doctype html><html><head><title>${title}</title></head><body><p>${body}</p></body></html>`;

  it('valid UTF-8 is decoded as UTF-8, not as windows-1252 mojibake', () => {
    const bytes = enc.encode(page('Café — “q”', 'Naïve résumé, 日本語, Москва.'));
    const decoded = decodeHtml(bytes);
    expect(decoded.charset).toBe('utf-8');
    expect(decoded.charsetSource).toBe('valid-utf-8');
    expect(decoded.html).toContain('<title>Café — “q”</title>');
    expect(decoded.html).not.toContain('Ã©');
    // Same with a Content-Type that names no charset (a server that says only text/html).
    expect(decodeHtml(bytes, 'text/html')).toMatchObject({ charset: 'utf-8', charsetSource: 'valid-utf-8' });
  });

  it('valid UTF-8 cut inside a character at the end (a truncated body) is still UTF-8', () => {
    const bytes = enc.encode(page('Café', 'Fin: 日本'));
    const cut = bytes.subarray(0, bytes.indexOf(0xe6) + 2); // inside the three bytes of 日
    expect(decodeHtml(cut)).toMatchObject({ charset: 'utf-8', charsetSource: 'valid-utf-8' });
  });

  it('pure ASCII is valid UTF-8', () => {
    expect(decodeHtml(enc.encode(page('Plain', 'Plain text.')))).toMatchObject({ charset: 'utf-8', charsetSource: 'valid-utf-8' });
  });

  it('windows-1252 bytes (invalid as UTF-8) still decode as windows-1252, by the detector', () => {
    const bytes = fixture('no-declaration.html');
    const decoded = decodeHtml(bytes);
    expect(decoded.charset).toBe('windows-1252');
    expect(decoded.charsetSource).toBe('detector');
    expect(decoded.html).toContain('curly “quotes”');
  });

  it('an undeclared legacy page of another script is decoded as the detector says', () => {
    // windows-1251 bytes of a Russian sentence, long enough for the detector to be sure.
    const text = 'Правительство в среду одобрило законопроект о поддержке малого бизнеса. По словам министра, изменения вступят в силу с начала следующего года.';
    const bytes = new Uint8Array([...enc.encode('<!doctype html><title>t</title><p>'), ...encode1251(text), ...enc.encode('</p>')]);
    const decoded = decodeHtml(bytes);
    expect(decoded).toMatchObject({ charset: 'windows-1251', charsetSource: 'detector' });
    expect(decoded.html).toContain(text);
  });

  it('the detector reads the stretches around non-ASCII bytes, wherever they are in a large page', () => {
    const text = 'Le président a annoncé une réforme très contestée; « c’est difficile », a-t-il déclaré à l’Assemblée.';
    const head = `<!doctype html><script>${'var x = 1;\n'.repeat(20_000)}</script><p>`;
    const bytes = new Uint8Array([...enc.encode(head), ...encode1252(text), ...enc.encode('</p>')]);
    const decoded = decodeHtml(bytes);
    expect(decoded).toMatchObject({ charset: 'windows-1252', charsetSource: 'detector' });
    expect(decoded.html).toContain(text);
  });

  it('bytes nothing can tell fall back to windows-1252 as the default', () => {
    const bytes = new Uint8Array([...enc.encode('<p>'), 0x93, ...enc.encode('</p>')]);
    const decoded = decodeHtml(bytes);
    expect(decoded.charset).toBe('windows-1252');
    expect(['detector', 'default']).toContain(decoded.charsetSource);
    expect(decoded.html).toBe('<p>“</p>');
  });

  it('what the page declares still wins over valid UTF-8: BOM, header, meta', () => {
    const body = enc.encode('<p>Ã©</p>'); // valid UTF-8 (and valid windows-1252)
    expect(decodeHtml(new Uint8Array([0xef, 0xbb, 0xbf, ...body]), 'text/html; charset=windows-1252')).toMatchObject({
      charset: 'utf-8',
      charsetSource: 'bom',
    });
    expect(decodeHtml(body, 'text/html; charset=windows-1252')).toMatchObject({
      html: '<p>ÃƒÂ©</p>',
      charset: 'windows-1252',
      charsetSource: 'content-type',
    });
    const meta = enc.encode('<meta charset="iso-8859-1"><p>Ã©</p>');
    expect(decodeHtml(meta)).toMatchObject({ charset: 'windows-1252', charsetSource: 'meta' });
  });

  it('processPage reports the charset and the rule that chose it', () => {
    const bytes = enc.encode(page('Café — “q”', 'Naïve résumé. '.repeat(40)));
    const result = processPage(bytes, { url: 'https://news.example/page' });
    expect(result.title).toBe('Café — “q”');
    expect(result.charset).toBe('utf-8');
    expect(result.charsetSource).toBe('valid-utf-8');
    expect(processPage(page('x', 'Naïve résumé. '.repeat(40)), { url: 'https://news.example/page' }).charsetSource).toBe('text');
  });
});

/** windows-1251 for Cyrillic letters and ASCII (enough for these tests). */
function encode1251(text: string): number[] {
  return [...text].map((ch) => {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) return c;
    if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
    if (c === 0x401) return 0xa8;
    if (c === 0x451) return 0xb8;
    throw new Error(`no windows-1251 byte for ${ch}`);
  });
}

/** windows-1252 for Latin-1 letters, ASCII and the typographic quotes used here. */
function encode1252(text: string): number[] {
  const extra: Record<string, number> = { '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };
  return [...text].map((ch) => {
    const c = ch.codePointAt(0)!;
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) return c;
    if (extra[ch] !== undefined) return extra[ch];
    throw new Error(`no windows-1252 byte for ${ch}`);
  });
}
