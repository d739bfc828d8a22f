import { describe, expect, it } from 'vitest';
import { uni } from '../../src/clean/text/text-utils.ts';
import { END_BOUNDARY, FULL_BOUNDARY, START_BOUNDARY, unicodeBoundaries } from '../../src/clean/text/word-boundary.ts';

/** The plain rewrite: every `\b` as the full two-sided test. */
const naive = (source: string): string => source.replace(/\\b/gu, FULL_BOUNDARY);

const SOURCES = [
  String.raw`\b(?:subscribe|join)\b`,
  String.raw`^(?:subscribe|abonnez-vous|suscr[íi]bete|become a (?:member|subscriber)|join (?:now|today|us))\b`,
  String.raw`\b(?:subscribe|subscriptions?|join)\b[^.!?]{0,100}\b(?:per (?:month|week)|a (?:month|year)\b|\/\s?(?:mo|yr)\b)`,
  String.raw`\b(?:moderat\w*|approving)\b.{0,40}\b(?:comments?|kommentare)\b`,
  String.raw`\bpubli(?:é|e)\b|\b\d{1,2}[:h.]\d{2}(?:\s?[ap]\.?m\.?)?\b|\b(?:19|20)\d{2}\b`,
  String.raw`\b(?:foo|@bar)\b`,
  String.raw`(?:foo)?\bbar\b(?:baz)*`,
  String.raw`\x20\bfoo\b\x41`,
  String.raw`(?<=\bby\s)\b\p{Lu}\w+\b`,
  String.raw`(?<first>\bnews)\b|x`,
  String.raw`a{0,2}\bb{1,3}\b_\b`,
  String.raw`\b(?:jan|sept?)\b\.?|\b(?:a )?news?\b|(?:x)?\b(?:é|e)?`,
];

const TEXTS = [
  'Subscribe to our newsletter', 'join us now', 'rejoin later', 'subscribed', 'a foo bar', 'foobar', '@bar x',
  'publié le 3 mars 2021 à 10h12', 'publie 10:12 am', 'Publiée', '1999 2020s 2023', 'by Jürgen Müller', 'by Élodie',
  'moderators approving comments', 'comments are moderated', 'kommentare', 'news_desk', '_news', 'newsé', 'énews',
  'aab_b', 'ab', 'b_', 'ſubscribe', 'SUBSCRIBE', 'foo bar baz', ' foo A', '\u212Aelvin join',
];

function matches(source: string, flags: string, text: string): string[] {
  return [...text.matchAll(new RegExp(source, `${flags}g`))].map((m) => `${m.index}:${m.join('|')}`);
}

describe('unicodeBoundaries', () => {
  it('parses every source back to itself (the full test in place of each \\b)', () => {
    for (const s of SOURCES) expect(unicodeBoundaries(s, { narrow: false })).toBe(naive(s));
  });

  it('uses one lookaround where the neighbour is a literal word character', () => {
    expect(unicodeBoundaries(String.raw`\b(?:subscribe|join)\b`)).toBe(`${START_BOUNDARY}(?:subscribe|join)${END_BOUNDARY}`);
    expect(unicodeBoundaries(String.raw`\bmoderat\w*\b`)).toBe(`${START_BOUNDARY}moderat\\w*${FULL_BOUNDARY}`);
    // Optional word characters at the edge are looked through.
    expect(unicodeBoundaries(String.raw`\blinks?\b`)).toBe(`${START_BOUNDARY}links?${END_BOUNDARY}`);
    expect(unicodeBoundaries(String.raw`\b(?:a )?small\b`)).toBe(`${START_BOUNDARY}(?:a )?small${END_BOUNDARY}`);
    expect(unicodeBoundaries(String.raw`(?:sept?|oct)\b`)).toBe(`(?:sept?|oct)${END_BOUNDARY}`);
  });

  it('keeps the full test where the neighbour may not be a word character', () => {
    for (const s of [String.raw`\b(?:foo|@bar)`, String.raw`(?:foo)?\b`, String.raw`\x20\b`, String.raw`\b[a-z]`, String.raw`\b(?=a)a`, String.raw`\b(?:a|)`]) {
      expect(unicodeBoundaries(s)).toBe(naive(s));
    }
  });

  it('matches exactly what the full test matches', () => {
    for (const s of SOURCES) {
      for (const flags of ['u', 'iu']) {
        for (const t of TEXTS) expect(matches(unicodeBoundaries(s), flags, t), `${s} /${flags} on ${t}`).toEqual(matches(naive(s), flags, t));
      }
    }
  });

  it('leaves a backspace inside a character class alone', () => {
    expect(unicodeBoundaries(String.raw`[\b\]]\bx`)).toBe(`[\\b\\]]${START_BOUNDARY}x`);
  });

  it('is what uni() compiles, with the u flag added', () => {
    const re = uni(/\b(?:von|par)\b/i);
    expect(re.flags).toBe('iu');
    expect(re.source).toBe(`${START_BOUNDARY}(?:von|par)${END_BOUNDARY}`);
    expect(re.test('Texte par Élodie')).toBe(true);
    expect(re.test('parÉlodie')).toBe(false);
  });
});
