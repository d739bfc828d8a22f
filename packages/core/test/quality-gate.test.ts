/**
 * The quality gate: a page whose cleaned article has too little text is NotAnArticleError
 * (recorded as `not-an-article`), not an "(untitled)" article; the minimum is configurable and
 * recorded in `versions.gate`, so a different minimum is a different pipeline version.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MIN_TEXT_CHARS, NotAnArticleError, pipelineVersions, processPage, textSize } from '../src/index.ts';
import { mulberry32, randomString } from './helpers/prng.ts';

const url = 'https://news.example/2025/stub';
const page = (body: string) => `<!doctype html><html><head><title>Stub</title></head><body>${body}</body></html>`;

describe('the minimum-text gate', () => {
  it('refuses <p>Hi.</p> as not-an-article, saying how much text there was', () => {
    let error: unknown;
    try {
      processPage(page('<p>Hi.</p>'), { url });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NotAnArticleError);
    expect((error as NotAnArticleError).code).toBe('not-an-article');
    expect((error as Error).message).toMatch(`the article has 3 characters of text, under the minimum of ${DEFAULT_MIN_TEXT_CHARS}`);
  });

  it('counts as the code-point definition does (no whitespace, pairs once, lone surrogates once) on random strings', () => {
    const byCodePoint = (text: string): number => [...text].filter((ch) => !/\s/u.test(ch)).length;
    const random = mulberry32(0x5175);
    for (let i = 0; i < 5_000; i++) {
      const text = randomString(random, 40);
      expect(textSize(text)).toBe(byCodePoint(text));
    }
    for (const text of ['\uD800', '\uDC00x', 'a\uD83D', '\uD83D\uDE00\u3000\uFEFF\u1680\u180E\u0085']) expect(textSize(text)).toBe(byCodePoint(text));
  });

  it('counts characters without whitespace, by code point, against the documented default of 50', () => {
    expect(DEFAULT_MIN_TEXT_CHARS).toBe(50);
    expect(textSize(' a b\n\nc ')).toBe(3);
    expect(textSize('日本語の記事')).toBe(6);
    const exactly50 = `<p>${'word '.repeat(12)}ab</p>`; // 12 x 4 + 2 characters
    expect(() => processPage(page(exactly50.replace('ab', 'a')), { url })).toThrow(NotAnArticleError);
    expect(processPage(page(exactly50), { url }).text).toBe(`${'word '.repeat(12)}ab`);
  });

  it('takes the minimum as an option, recorded in versions.gate and so in the pipeline version', () => {
    const result = processPage(page('<p>Hi.</p>'), { url, minTextChars: 0 });
    expect(result.text).toBe('Hi.');
    expect(result.versions.gate).toBe('1;min-text-chars=0');
    expect(result.versions.pipeline).toBe(pipelineVersions({}, { minTextChars: 0 }).pipeline);
    expect(result.versions.pipeline).not.toBe(pipelineVersions().pipeline);
    expect(pipelineVersions().gate).toBe(`1;min-text-chars=${DEFAULT_MIN_TEXT_CHARS}`);
    expect(() => processPage(page('<p>Hi.</p>'), { url, minTextChars: -1 })).toThrow(RangeError);
  });
});
