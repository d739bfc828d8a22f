import { describe, expect, it } from 'vitest';
import { articleUrls, canonicalizeUrl, isTrackingParam, tryCanonicalizeUrl } from '../src/canonical-url.ts';
import { InvalidInputError } from '../src/errors.ts';

describe('canonicalizeUrl', () => {
  const cases: Array<[string, string, string]> = [
    ['lower-cases scheme and host', 'HTTPS://News.Example.COM/World/Story', 'https://news.example.com/World/Story'],
    ['drops the default http port', 'http://example.com:80/a', 'http://example.com/a'],
    ['drops the default https port', 'https://example.com:443/a', 'https://example.com/a'],
    ['keeps a non-default port', 'https://example.com:8443/a', 'https://example.com:8443/a'],
    ['drops the fragment', 'https://example.com/a#comments', 'https://example.com/a'],
    ['drops utm_* parameters', 'https://example.com/a?utm_source=tw&utm_medium=social&UTM_Campaign=x', 'https://example.com/a'],
    [
      'drops click ids and mail ids, keeps real parameters',
      'https://example.com/a?id=7&fbclid=abc&gclid=1&dclid=2&msclkid=3&mc_cid=4&mc_eid=5&_ga=6&igshid=7&yclid=8&ref_src=twsrc',
      'https://example.com/a?id=7',
    ],
    ['sorts the query by name', 'https://example.com/a?z=1&b=2&a=3', 'https://example.com/a?a=3&b=2&z=1'],
    ['keeps the order of repeated names', 'https://example.com/a?tag=b&x=1&tag=a', 'https://example.com/a?tag=b&tag=a&x=1'],
    ['agrees on %20 and + in the query', 'https://example.com/a?q=a%20b', 'https://example.com/a?q=a+b'],
    ['drops an empty query', 'https://example.com/a?', 'https://example.com/a'],
    ['drops a query left empty by tracking removal', 'https://example.com/a?utm_source=x#top', 'https://example.com/a'],
    ['turns an IDN host into punycode', 'https://Bücher.example/ä', 'https://xn--bcher-kva.example/%C3%A4'],
    ['drops a trailing dot of the host', 'https://example.com./a', 'https://example.com/a'],
    ['drops credentials', 'https://user:secret@example.com/a', 'https://example.com/a'],
    ['adds the root path', 'https://example.com', 'https://example.com/'],
    ['resolves dot segments', 'https://example.com/a/./b/../c', 'https://example.com/a/c'],
    ['decodes escaped unreserved characters in the path', 'https://example.com/%7Euser/%41bc', 'https://example.com/~user/Abc'],
    ['upper-cases other escapes in the path', 'https://example.com/a%2fb%e2%82%ac', 'https://example.com/a%2Fb%E2%82%AC'],
    ['keeps www., trailing slash and path case', 'https://www.example.com/News/', 'https://www.example.com/News/'],
    ['keeps http (no upgrade)', 'http://example.com/a', 'http://example.com/a'],
    ['trims surrounding whitespace', '  https://example.com/a \n', 'https://example.com/a'],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it('gives one URL for the same article reached by two spellings', () => {
    const a = canonicalizeUrl('https://NEWS.example.com:443/2024/story?utm_source=newsletter&page=2#top');
    const b = canonicalizeUrl('https://news.example.com./2024/story?page=2&fbclid=xyz');
    expect(a).toBe(b);
    expect(a).toBe('https://news.example.com/2024/story?page=2');
  });

  it('is idempotent', () => {
    for (const [, input] of cases) {
      const once = canonicalizeUrl(input);
      expect(canonicalizeUrl(once)).toBe(once);
    }
  });

  it.each(['not a url', '/relative/path', 'ftp://example.com/a', 'javascript:alert(1)', 'file:///etc/passwd', ''])(
    'rejects %j with InvalidInputError',
    (input) => {
      expect(() => canonicalizeUrl(input)).toThrow(InvalidInputError);
      expect(tryCanonicalizeUrl(input)).toBeNull();
    },
  );
});

describe('isTrackingParam', () => {
  it('matches names case-insensitively and by prefix', () => {
    expect(isTrackingParam('UTM_Content')).toBe(true);
    expect(isTrackingParam('FBCLID')).toBe(true);
    expect(isTrackingParam('pk_campaign')).toBe(true);
    expect(isTrackingParam('id')).toBe(false);
    expect(isTrackingParam('page')).toBe(false);
    expect(isTrackingParam('ref')).toBe(false);
  });
});

describe('articleUrls', () => {
  it('records the declared canonical beside the canonical page URL', () => {
    expect(
      articleUrls('https://m.example.com/story?utm_source=x', {
        canonicalUrl: 'https://www.example.com/story#x',
        ogUrl: 'https://other.example/story',
      }),
    ).toEqual({ canonicalUrl: 'https://m.example.com/story', declaredCanonicalUrl: 'https://www.example.com/story' });
  });

  it('falls back to og:url, and to null for missing or unusable declarations', () => {
    expect(articleUrls('https://example.com/a', { canonicalUrl: null, ogUrl: 'HTTPS://Example.com/a?fbclid=1' }))
      .toEqual({ canonicalUrl: 'https://example.com/a', declaredCanonicalUrl: 'https://example.com/a' });
    expect(articleUrls('https://example.com/a', { canonicalUrl: 'javascript:void(0)' }).declaredCanonicalUrl).toBeNull();
    expect(articleUrls('https://example.com/a').declaredCanonicalUrl).toBeNull();
  });
});
