/** A small seeded PRNG (mulberry32) so property tests are reproducible without a library. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Characters that stress normalization: every class of whitespace, invisibles, controls,
 * combining marks and precomposed letters, Hangul jamo, surrogate halves, astral symbols. */
const POOL = [
  'a', 'b', 'Z', '1', '.', ',', 'é', 'e', 'n', 'ñ', 'Å', 'ﬁ', '中', '語', 'д',
  ' ', ' ', ' ', '\t', '\n', '\n', '\n\n', '\r', '\r\n', '\v', '\f',
  '\u00A0', '\u1680', '\u2000', '\u2001', '\u2003', '\u2009', '\u202F', '\u205F', '\u3000',
  '\u2028', '\u2029', '\u0085',
  '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD',
  '\u0000', '\u0007', '\u001B', '\u007F', '\u009F',
  '\u0301', '\u0308', '\u0327', '\u0323', '\u0302',
  '\u1100', '\u1161', '\u11A8', '\uAC00',
  '\u212B', '\u2126', '\u0344', '\u0F73',
  '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D\uDE00', '\uD834\uDD5E',
];

export function randomString(random: () => number, maxLength: number): string {
  const length = Math.floor(random() * (maxLength + 1));
  let out = '';
  for (let i = 0; i < length; i++) out += POOL[Math.floor(random() * POOL.length)];
  return out;
}
