/**
 * Near-duplicate fingerprints: MinHash over word 3-shingles, banded for LSH.
 *
 * Why MinHash and not a 64-bit SimHash: SimHash's distance tracks the cosine of the shingle
 * vectors, and a small edit moves it further than its 4x16-bit band scheme can find: on the
 * seed articles, one corrected sentence or an appended two-sentence update flipped 1 to 9 of the
 * 64 bits, while 4 bands of 16 bits only guarantee finding pairs within 3. The Jaccard
 * similarity of the shingle sets is what "small edit" means, and MinHash estimates exactly that;
 * on the seeds those edits keep it at 0.89-0.99, while unrelated articles (even two rewrites
 * of one story) stay below 0.04.
 *
 * Construction (FINGERPRINT_VERSION 2), in phases:
 *  1. tokenize: NFKC, lower-case (locale-independent), then tokens are runs of letters, marks
 *     and digits (`\p{L}\p{M}\p{N}`); each Han, Hiragana or Katakana character is a token of
 *     its own (those scripts put no spaces between words). Punctuation and spacing are ignored,
 *     so paragraph breaks and quote styles do not matter.
 *  2. shingle: every run of SHINGLE_SIZE (3) consecutive tokens, joined by one space; a text
 *     with 1-2 tokens has one shingle of all of them. Duplicates count once (a set).
 *  3. hash: a token's hash t is the first 4 bytes (big-endian uint32) of the MD5 of its UTF-8
 *     bytes; a shingle's hash chains its tokens' hashes through fmix32:
 *     x = fmix32(fmix32(fmix32(t1) XOR t2) XOR t3) (a 1-2 token shingle stops early). Tokens
 *     repeat, so each distinct token is hashed once per text.
 *  4. minhash: NUM_HASHES (48) permutations of the 32-bit space,
 *     h_i(x) = fmix32(x XOR seed_i) with seed_i = fmix32(0x9E3779B9 * (i + 1) mod 2^32)
 *     (fmix32 is MurmurHash3's finalizer, a bijection); signature_i = min over shingles.
 *  5. band: LSH_BANDS (16) bands of LSH_ROWS (3) signature values; band b's bucket is
 *     fmix32(fmix32(fmix32(b XOR s_3b) XOR s_3b+1) XOR s_3b+2) as a signed int32
 *     (the type of a Postgres `integer`).
 *
 * Two articles are candidates when any band's bucket is equal: probability 1-(1-J^3)^16, i.e.
 * 0.98 at Jaccard J=0.6, 0.9999 at 0.8, but 0.12 at 0.2 and 0.002 at 0.05. Candidates are then
 * scored by the exact Jaccard of their shingle sets (`similarity`) and linked when it reaches
 * NEAR_DUPLICATE_THRESHOLD (0.6). Texts with fewer than MIN_SHINGLES shingles get no bands: too
 * short to call anything a near-duplicate of (exact duplicates are found by content hash).
 */
import { hash } from 'node:crypto';

export const FINGERPRINT_VERSION = '2';
export const SHINGLE_SIZE = 3;
export const NUM_HASHES = 48;
export const LSH_BANDS = 16;
export const LSH_ROWS = 3;
export const MIN_SHINGLES = 5;
/** Jaccard similarity of the 3-shingle sets at or above which two articles are linked. */
export const NEAR_DUPLICATE_THRESHOLD = 0.6;

export interface TextFingerprint {
  /** How many distinct shingles the text has. */
  shingleCount: number;
  /** LSH_BANDS signed 32-bit buckets, band 0 first; empty when shingleCount < MIN_SHINGLES. */
  bands: number[];
}

/** Phase 1. */
export function tokenize(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(TOKEN) ?? [];
}

const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}`;
const TOKEN = new RegExp(String.raw`[${CJK}]|(?:(?![${CJK}])[\p{L}\p{M}\p{N}])+`, 'gu');

/** Phases 1-2: the set of word shingles of a text. */
export function shingles(text: string, size: number = SHINGLE_SIZE): Set<string> {
  const tokens = tokenize(text);
  const out = new Set<string>();
  if (tokens.length > 0 && tokens.length < size) out.add(tokens.join(' '));
  for (let i = 0; i + size <= tokens.length; i++) out.add(tokens.slice(i, i + size).join(' '));
  return out;
}

/** Phase 3, for one token. */
export function tokenHash(token: string): number {
  return hash('md5', token, 'buffer').readUInt32BE(0);
}

/** Phase 3: a shingle's hash from its tokens' hashes. */
export function chainHash(tokenHashes: readonly number[]): number {
  let h = fmix32(tokenHashes[0]!);
  for (let i = 1; i < tokenHashes.length; i++) h = fmix32((h ^ tokenHashes[i]!) >>> 0);
  return h;
}

/** The hash of one shingle given as text (tokens joined by single spaces). */
export function shingleHash(shingle: string): number {
  return chainHash(shingle.split(' ').map(tokenHash));
}

/** Phases 1-3: the distinct shingle hashes of a text. */
export function shingleHashes(text: string, size: number = SHINGLE_SIZE): Set<number> {
  const tokens = tokenize(text);
  const cache = new Map<string, number>();
  const th = tokens.map((t) => {
    let h = cache.get(t);
    if (h === undefined) cache.set(t, (h = tokenHash(t)));
    return h;
  });
  const out = new Set<number>();
  if (th.length > 0 && th.length < size) out.add(chainHash(th));
  for (let i = 0; i + size <= th.length; i++) out.add(chainHash(th.slice(i, i + size)));
  return out;
}

/** MurmurHash3's 32-bit finalizer: a bijection with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS = Array.from({ length: NUM_HASHES }, (_, i) => fmix32(Math.imul(0x9e3779b9, i + 1) >>> 0));

/** Phase 4: NUM_HASHES minimums over shingle hashes; all 0xffffffff for an empty set. */
export function minhashSignature(hashes: Iterable<number>): Uint32Array {
  const signature = new Uint32Array(NUM_HASHES).fill(0xffffffff);
  for (const x of hashes) {
    for (let i = 0; i < NUM_HASHES; i++) {
      const h = fmix32((x ^ SEEDS[i]!) >>> 0);
      if (h < signature[i]!) signature[i] = h;
    }
  }
  return signature;
}

/** Phase 5. */
export function lshBands(signature: Uint32Array): number[] {
  const bands: number[] = [];
  for (let b = 0; b < LSH_BANDS; b++) {
    let h = b;
    for (let r = 0; r < LSH_ROWS; r++) h = fmix32((h ^ signature[b * LSH_ROWS + r]!) >>> 0);
    bands.push(h | 0);
  }
  return bands;
}

/** The stored near-duplicate fingerprint of a (normalized) article text. */
export function fingerprint(text: string): TextFingerprint {
  const hashes = shingleHashes(text);
  if (hashes.size < MIN_SHINGLES) return { shingleCount: hashes.size, bands: [] };
  return { shingleCount: hashes.size, bands: lshBands(minhashSignature(hashes)) };
}

/** Exact Jaccard similarity of two shingle sets (1 for two empty sets). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Exact Jaccard similarity of two texts' shingle sets: the score stored on article links. */
export function similarity(a: string, b: string): number {
  return jaccard(shingles(a), shingles(b));
}

/** `similarity` of one text against many: its shingles are computed once. */
export function similarityTo(text: string): (other: string) => number {
  const own = shingles(text);
  return (other) => jaccard(own, shingles(other));
}

/**
 * The near-duplicate scheme as one value, for code that must not import core's functions
 * (packages/db takes it as a parameter, and imports only its type).
 */
export interface NearDuplicateScheme {
  /** Recorded with every fingerprint and link, e.g. `minhash-3shingle/1`. */
  readonly method: string;
  readonly threshold: number;
  fingerprint(text: string): TextFingerprint;
  similarity(a: string, b: string): number;
  /** `similarity(text, other)` for many others, faster. */
  similarityTo(text: string): (other: string) => number;
}

export const nearDuplicateScheme: NearDuplicateScheme = {
  method: `minhash-${SHINGLE_SIZE}shingle/${FINGERPRINT_VERSION}`,
  threshold: NEAR_DUPLICATE_THRESHOLD,
  fingerprint,
  similarity,
  similarityTo,
};
