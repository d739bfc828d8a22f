/** Rule-set versions and operator site rules (validation, host matching, actions, hashing). */
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../src/errors.ts';
import { CLEAN_VERSION, InvalidSiteRulesError, clean, cleanVersion, parseSiteRules, rulesInForce } from '../../src/clean/index.ts';
import { body, h, p, texts } from './helpers.ts';

const URL_A = 'https://www.example.com/news/1';
const URL_B = 'https://other.org/story';

const config = parseSiteRules({
  rules: [
    {
      id: 'example-promos',
      hosts: ['example.com'],
      description: 'Promo boxes and the reader poll',
      blocks: [
        { text: '^Reader poll:', flags: 'i' },
        { text: '^More from Example$', action: 'remove-rest' },
        { text: '^Words: ', action: 'byline', head: 3 },
        { kind: ['paragraph'], text: '^Pictured: ', action: 'caption' },
      ],
      spans: [{ pattern: '\\s*\\[Promo\\][^.]*\\.' }],
    },
  ],
});

describe('cleanVersion', () => {
  it('is semver plus a 12-hex hash, stable across calls', () => {
    expect(cleanVersion()).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{12}$/u);
    expect(cleanVersion().startsWith(`${CLEAN_VERSION}+`)).toBe(true);
    expect(cleanVersion()).toBe(cleanVersion({ url: URL_B }));
  });

  it('changes when built-in rules are switched off', () => {
    expect(cleanVersion({ disableRules: ['tag-list'] })).not.toBe(cleanVersion());
  });

  it('includes site rules only for the hosts they cover', () => {
    expect(cleanVersion({ url: URL_A, siteRules: config })).not.toBe(cleanVersion({ url: URL_A }));
    expect(cleanVersion({ url: URL_B, siteRules: config })).toBe(cleanVersion({ url: URL_B }));
    expect(cleanVersion({ siteRules: config })).toBe(cleanVersion());
  });

  it('changes when a site rule pattern changes', () => {
    const edited = parseSiteRules([{ id: 'example-promos', hosts: ['example.com'], blocks: [{ text: '^Reader survey:' }] }]);
    const original = parseSiteRules([{ id: 'example-promos', hosts: ['example.com'], blocks: [{ text: '^Reader poll:' }] }]);
    expect(cleanVersion({ url: URL_A, siteRules: edited })).not.toBe(cleanVersion({ url: URL_A, siteRules: original }));
  });
});

describe('site rules', () => {
  it('apply on the host and its subdomains, before the built-ins', () => {
    const ids = rulesInForce({ url: URL_A, siteRules: config }).map((r) => r.id);
    expect(ids[0]).toBe('site:example-promos');
    expect(rulesInForce({ url: URL_B, siteRules: config }).map((r) => r.id)).not.toContain('site:example-promos');
  });

  it('remove, cut the rest, record bylines and captions, and cut spans', () => {
    const blocks = [
      p('Words: Jane Doe'),
      body(1),
      p('READER POLL: which bridge should be rebuilt first?'),
      p('Pictured: the old bridge in 1950'),
      p('The mayor spoke on Monday. [Promo] Get 50% off today.'),
      body(2),
      h('More from Example'),
      p('A teaser about another story'),
    ];
    const r = clean(blocks, { url: URL_A, siteRules: config });
    expect(texts(r.blocks)).toEqual([body(1).text, 'The mayor spoke on Monday.', body(2).text]);
    expect(r.authors).toEqual(['Jane Doe']);
    expect(r.media).toEqual([{ src: null, caption: 'Pictured: the old bridge in 1950', credit: null }]);
    expect(new Set(r.removed.map((x) => x.rule))).toEqual(new Set(['site:example-promos']));
    expect(r.removed.map((x) => x.position)).toEqual([0, 2, 3, 4, 6, 7]);
  });

  it('leave other hosts alone', () => {
    const blocks = [body(1), p('READER POLL: which bridge should be rebuilt first?')];
    expect(clean(blocks, { url: URL_B, siteRules: config }).removed).toEqual([]);
  });
});

describe('parseSiteRules', () => {
  const problems = (data: unknown): string[] => {
    try {
      parseSiteRules(data);
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidSiteRulesError);
      expect(e).toBeInstanceOf(PermanentError);
      return (e as InvalidSiteRulesError).problems;
    }
    throw new Error('expected InvalidSiteRulesError');
  };

  it('accepts an array or {rules: [...]} and returns copies', () => {
    const input = [{ id: 'a', hosts: ['a.com'], spans: [{ pattern: 'x+' }] }];
    const out = parseSiteRules(input);
    expect(out).toEqual(input);
    expect(out[0]).not.toBe(input[0]);
    expect(parseSiteRules({ rules: input })).toEqual(input);
  });

  it('reports each problem with its path', () => {
    expect(problems('nope')).toEqual(['expected an array of rules (or {"rules": [...]})']);
    expect(
      problems([
        { id: 'Bad Id', hosts: [], blocks: [{ text: '(' }], extra: 1 },
        { id: 'ok', hosts: ['ok.com'], blocks: [{ action: 'explode' }], spans: [{ pattern: 'a', flags: 'g' }] },
        { id: 'ok', hosts: ['ok.com'] },
      ]),
    ).toEqual([
      '[0].extra: unknown key',
      '[0].id: must be kebab-case (a-z, 0-9, -)',
      '[0].hosts: must be a non-empty array of host names',
      expect.stringMatching(/^\[0\]\.blocks\[0\]\.text: invalid regular expression/u),
      '[1].blocks[0]: needs at least one of text, href, kind',
      '[1].blocks[0].action: must be one of remove, remove-rest, byline, caption',
      '[1].spans[0].pattern: flags may only contain i, m, s, u',
      '[2].id: duplicate id "ok"',
      '[2]: needs at least one entry in blocks or spans',
    ]);
  });
});
