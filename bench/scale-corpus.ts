/**
 * A deterministic synthetic news corpus for `npm run bench:scale`: articles of 250-550 words
 * drawn from a Zipf-distributed vocabulary, with the kinds of repetition the archive must
 * recognise mixed in: syndicated exact copies on other sites, near-duplicates (a corrected
 * sentence, an appended update) and refetches of a URL whose text changed (new versions).
 */

/** mulberry32: a small seeded PRNG, so every run ingests the same corpus. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ter', 'an', 'dus', 'ri', 'po', 'ven', 'sa', 'el', 'mon', 'tra', 'qui', 'for', 'ne', 'bal', 'or', 'is', 'cum'];

export type ArticleKind = 'fresh' | 'syndicated' | 'near-duplicate' | 'new-version';

export interface SyntheticArticle {
  seq: number;
  kind: ArticleKind;
  url: string;
  text: string;
}

export interface CorpusOptions {
  seed?: number;
  /** Share of each kind of repetition (the rest are fresh articles). */
  syndicated?: number;
  nearDuplicate?: number;
  newVersion?: number;
}

/** An endless stream of articles, the same for the same options. */
export function* syntheticCorpus(options: CorpusOptions = {}): Generator<SyntheticArticle> {
  const rand = prng(options.seed ?? 20240501);
  const vocabulary = buildVocabulary(rand, 20_000);
  const zipf = zipfSampler(vocabulary.length, rand);
  const word = (): string => vocabulary[zipf()]!;
  const recent: Array<{ url: string; text: string }> = [];
  const pick = () => recent[Math.floor(rand() * recent.length)]!;
  const shares = { syndicated: options.syndicated ?? 0.03, near: options.nearDuplicate ?? 0.04, version: options.newVersion ?? 0.03 };

  for (let seq = 1; ; seq++) {
    const host = `site-${Math.floor(rand() * 300)}.example`;
    const r = rand();
    let article: SyntheticArticle;
    if (recent.length > 50 && r < shares.syndicated) {
      article = { seq, kind: 'syndicated', url: `https://${host}/wire/${seq}`, text: pick().text };
    } else if (recent.length > 50 && r < shares.syndicated + shares.near) {
      article = { seq, kind: 'near-duplicate', url: `https://${host}/copy/${seq}`, text: smallEdit(pick().text, rand, word) };
    } else if (recent.length > 50 && r < shares.syndicated + shares.near + shares.version) {
      const base = pick();
      article = { seq, kind: 'new-version', url: base.url, text: smallEdit(base.text, rand, word) };
    } else {
      article = { seq, kind: 'fresh', url: `https://${host}/news/${seq}-${word()}`, text: freshText(rand, word) };
    }
    recent.push({ url: article.url, text: article.text });
    if (recent.length > 2000) recent.shift();
    yield article;
  }
}

function buildVocabulary(rand: () => number, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const n = 1 + Math.floor(rand() * 4);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    words.add(w);
  }
  return [...words];
}

/** Ranks 0..n-1 with probability proportional to 1/(rank+1), by binary search on the CDF. */
function zipfSampler(n: number, rand: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / (i + 1);
  return () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function sentence(rand: () => number, word: () => string): string {
  const n = 8 + Math.floor(rand() * 14);
  const words = Array.from({ length: n }, word);
  words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1);
  return `${words.join(' ')}.`;
}

function paragraph(rand: () => number, word: () => string): string {
  return Array.from({ length: 2 + Math.floor(rand() * 3) }, () => sentence(rand, word)).join(' ');
}

function freshText(rand: () => number, word: () => string): string {
  const words = 250 + Math.floor(rand() * 300);
  const paragraphs: string[] = [];
  let count = 0;
  while (count < words) {
    const p = paragraph(rand, word);
    count += p.split(' ').length;
    paragraphs.push(p);
  }
  return paragraphs.join('\n\n');
}

/** A corrected sentence, or an appended update paragraph. */
function smallEdit(text: string, rand: () => number, word: () => string): string {
  if (rand() < 0.5) return `${text}\n\nUpdate: ${paragraph(rand, word)}`;
  const paragraphs = text.split('\n\n');
  const i = Math.floor(rand() * paragraphs.length);
  const sentences = paragraphs[i]!.split('. ');
  sentences[Math.floor(rand() * sentences.length)] = sentence(rand, word).replace(/\.$/, '');
  paragraphs[i] = sentences.join('. ');
  return paragraphs.join('\n\n');
}
