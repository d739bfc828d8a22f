import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  fingerprint,
  fmix32,
  jaccard,
  LSH_BANDS,
  lshBands,
  minhashSignature,
  MIN_SHINGLES,
  NEAR_DUPLICATE_THRESHOLD,
  NUM_HASHES,
  shingleHash,
  shingleHashes,
  shingles,
  similarity,
  tokenize,
} from '../src/fingerprint.ts';

const HARBOUR = [
  'The city council voted on Tuesday to close the old harbour bridge to heavy traffic after engineers found corrosion in two of its steel supports.',
  'The bridge, which opened in 1931, carries about 14,000 vehicles a day between the port district and the northern suburbs. Lorries above 7.5 tonnes will be diverted along the ring road from the first of next month.',
  'Maria Olsen, who chairs the transport committee, said the decision had not been taken lightly. "We know this will add time to many journeys, but we cannot take risks with a structure of this age," she said.',
  'Local businesses in the port district warned that the diversion would raise delivery costs. The chamber of commerce asked the council to publish the full engineering report and a timetable for repairs.',
  'Engineers estimate that repairs will take at least eighteen months and cost between 40 and 55 million. The council said it would apply for a national infrastructure grant to cover part of the bill.',
  'Cyclists and pedestrians will still be able to use the bridge, and buses will be allowed to cross at reduced speed while monitoring equipment is installed on the supports.',
].join('\n\n');

const ORCHARD = [
  'Apple growers in the valley are expecting their smallest harvest in a decade after a late frost in April destroyed blossom across hundreds of hectares.',
  'Growers said the damage was worst on lower slopes, where cold air collected overnight. Some farms reported losing more than half of their crop, while orchards higher up escaped largely unharmed.',
  'The regional growers association has asked the agriculture ministry for emergency support, arguing that many family farms were already struggling with rising energy and labour costs.',
  'Juice producers, who buy much of the valley fruit, said they expected to import more apples this year, and warned that shop prices could rise by the winter.',
  'Scientists at the agricultural college said frost protection such as wind machines and overhead sprinklers could reduce the risk, but the equipment is expensive for smaller growers.',
].join('\n\n');

describe('tokenize', () => {
  it('lower-cases, ignores punctuation and spacing, keeps digits', () => {
    expect(tokenize('  "Hello,  World!" — it’s 7.5 tonnes\n\nNEXT')).toEqual(['hello', 'world', 'it', 's', '7', '5', 'tonnes', 'next']);
  });
  it('applies NFKC (ligatures, full-width forms) and keeps combining marks inside words', () => {
    expect(tokenize('ﬁnance ＡＢＣ cafe\u0301')).toEqual(['finance', 'abc', 'café']);
  });
  it('makes each Han/Kana character a token of its own', () => {
    expect(tokenize('東京で abc雨')).toEqual(['東', '京', 'で', 'abc', '雨']);
  });
});

describe('shingles', () => {
  it('takes every run of three tokens, once', () => {
    expect([...shingles('a b c a b c')]).toEqual(['a b c', 'b c a', 'c a b']);
  });
  it('keeps one shingle for a text shorter than three tokens, none for an empty one', () => {
    expect([...shingles('Hello world')]).toEqual(['hello world']);
    expect(shingles(' ... ').size).toBe(0);
  });
});

describe('hash construction', () => {
  it("chains the first four bytes of each token's MD5 through fmix32", () => {
    const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest().readUInt32BE(0);
    const expected = fmix32((fmix32((fmix32(md5('a')) ^ md5('b')) >>> 0) ^ md5('c')) >>> 0);
    expect(shingleHash('a b c')).toBe(expected);
    expect(shingleHashes('A, b; c!')).toEqual(new Set([expected]));
    expect(shingleHashes('a b c a b c').size).toBe(3);
  });
  it('uses MurmurHash3 fmix32', () => {
    // Reference values of MurmurHash3's finalizer.
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(0x514e28b7);
  });
  it('gives NUM_HASHES minimums and LSH_BANDS int32 buckets', () => {
    const signature = minhashSignature(shingleHashes(HARBOUR));
    expect(signature).toHaveLength(NUM_HASHES);
    const bands = lshBands(signature);
    expect(bands).toHaveLength(LSH_BANDS);
    for (const b of bands) expect(b === (b | 0)).toBe(true);
  });
});

describe('fingerprint', () => {
  it('is deterministic and ignores whitespace and case changes', () => {
    const a = fingerprint(HARBOUR);
    expect(fingerprint(HARBOUR)).toEqual(a);
    expect(fingerprint(HARBOUR.toUpperCase().replace(/\n\n/g, ' '))).toEqual(a);
  });

  it('gives no bands to texts too short to compare', () => {
    const short = fingerprint('Breaking news tonight');
    expect(short.shingleCount).toBeLessThan(MIN_SHINGLES);
    expect(short.bands).toEqual([]);
  });

  const sharesBand = (a: string, b: string): boolean => {
    const fa = fingerprint(a).bands;
    const fb = fingerprint(b).bands;
    return fa.some((bucket, i) => bucket === fb[i]);
  };

  it('links a corrected sentence', () => {
    const corrected = HARBOUR.replace('about 14,000 vehicles', 'about 16,000 vehicles').replace('in 1931', 'in 1932');
    const score = similarity(HARBOUR, corrected);
    expect(score).toBeGreaterThanOrEqual(NEAR_DUPLICATE_THRESHOLD);
    expect(score).toBeLessThan(1);
    expect(sharesBand(HARBOUR, corrected)).toBe(true);
  });

  it('links an appended update', () => {
    const updated = `${HARBOUR}\n\nUpdate: After this article was published, the council said the weight limit would be enforced with cameras at both ends of the bridge.`;
    const score = similarity(HARBOUR, updated);
    expect(score).toBeGreaterThanOrEqual(NEAR_DUPLICATE_THRESHOLD);
    expect(sharesBand(HARBOUR, updated)).toBe(true);
  });

  it('does not link unrelated articles', () => {
    expect(similarity(HARBOUR, ORCHARD)).toBeLessThan(0.05);
    expect(sharesBand(HARBOUR, ORCHARD)).toBe(false);
  });
});

describe('jaccard', () => {
  it('is shared over union', () => {
    expect(jaccard(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd']))).toBe(0.5);
    expect(jaccard(new Set(), new Set())).toBe(1);
    expect(jaccard(new Set(['a']), new Set())).toBe(0);
  });
});
