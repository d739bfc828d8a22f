import { describe, expect, it } from 'vitest';
import { checkSubmittedUrl, checkSubmitter, redactUrl } from '../src/index.ts';

describe('checkSubmittedUrl (issue 19 item 7)', () => {
  it('trims surrounding whitespace and gives the canonical form', () => {
    expect(checkSubmittedUrl(' \r\n https://Example.com/a?utm_source=x#top\t')).toEqual({
      url: 'https://Example.com/a?utm_source=x#top',
      normalizedUrl: 'https://example.com/a',
    });
  });

  it.each([
    ['user:password@', 'http://user:pw@example.com/', /user name or password/],
    ['a user name alone', 'http://user@example.com/', /user name or password/],
    ['CR LF', 'http://example.com/a\r\nb', /control character \(U\+000D at position 21\)/],
    ['NUL', 'http://example.com/\u0000', /U\+0000/],
    ['DEL', 'http://example.com/\u007f', /U\+007F/],
    ['C1', 'http://example.com/\u009b31m', /U\+009B/],
    ['not http(s)', 'ftp://example.com/', /only http and https/],
    ['not a URL', 'example.com/story', /not an absolute URL/],
    ['empty', '  ', /empty/],
  ])('refuses %s', (_what, url, message) => {
    expect(() => checkSubmittedUrl(url)).toThrow(message);
  });

  it('never repeats the password in its message', () => {
    for (const url of ['http://u:hunter2@example.com/', 'http//u:hunter2@example.com', 'ftp://u:hunter2@example.com/']) {
      try {
        checkSubmittedUrl(url);
      } catch (error) {
        expect((error as Error).message).not.toContain('hunter2');
        continue;
      }
      throw new Error(`${url} was accepted`);
    }
  });
});

describe('redactUrl and checkSubmitter', () => {
  it('masks credentials and escapes control characters', () => {
    expect(redactUrl(' http://user:pw@example.com/a@b ')).toBe('http://***@example.com/a@b');
    expect(redactUrl('http://example.com/\u0000\r\n')).toBe('http://example.com/\\u{0}');
    expect(redactUrl('http://example.com/\u0000x')).toBe('http://example.com/\\u{0}x');
    expect(redactUrl('https://example.com/ok')).toBe('https://example.com/ok');
  });

  it('trims a submitter name and refuses control characters', () => {
    expect(checkSubmitter('  alice ')).toBe('alice');
    expect(() => checkSubmitter('a\u0000')).toThrow(/control character/);
    expect(() => checkSubmitter('a\r\nb')).toThrow(/control character/);
    expect(() => checkSubmitter('')).toThrow(/empty/);
    expect(() => checkSubmitter('x'.repeat(201))).toThrow(/longer than 200/);
  });
});
