/**
 * Small text measures shared by the cleaning rules. Rules prefer structural signals (short
 * block, link-only, all capitals) over loose keywords; these helpers compute those signals.
 */
import { unicodeBoundaries } from './word-boundary.ts';

/**
 * Is this UTF-16 code unit white space as `\s` and `trim()` see it (WhiteSpace and
 * LineTerminator)? Counting with it spares the split and replace copies of every block's text.
 */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Number of whitespace-separated words (the runs of non-space characters). */
export function wordCount(text: string): number {
  let words = 0;
  let inWord = false;
  for (let k = 0; k < text.length; k++) {
    const space = isSpace(text.charCodeAt(k));
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/** Length of the text without its white space (`text.replace(/\s+/gu, '').length`). */
export function nonSpaceLength(text: string): number {
  let n = 0;
  for (let k = 0; k < text.length; k++) if (!isSpace(text.charCodeAt(k))) n++;
  return n;
}

/** True when the text has no letter and no digit (only punctuation, symbols or invisible chars). */
export function hasNoWords(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text);
}

/** Share of letters that are upper case (0 when the text has fewer than `minLetters` letters). */
export function upperRatio(text: string, minLetters = 8): number {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length < minLetters) return 0;
  const upper = letters.filter((c) => c !== c.toLowerCase() && c === c.toUpperCase()).length;
  return upper / letters.length;
}

/** True when nearly all letters are capitals: the look of kickers, teasers and buttons. */
export function isShouting(text: string): boolean {
  return upperRatio(text, 10) >= 0.85;
}

/** Rough sentence count: terminal punctuation followed by a space or the end. */
export function sentenceCount(text: string): number {
  const m = text.match(/[.!?…]+["”’)\]]*(?=\s|$)/gu);
  return Math.max(1, m ? m.length : 0);
}

/** Lower-cased, punctuation-free, single-spaced form used to compare two texts. */
export function comparable(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Does the text contain a quotation (quoted speech rarely appears in captions or prompts)? */
export function hasQuotation(text: string): boolean {
  return /[“”„«»]|(^|\s)"\S|\S"(\s|$)/u.test(text);
}

/** Join the two sides left after cutting a span out of a paragraph. */
export function joinAround(left: string, right: string): string {
  const l = left.replace(/\s+$/u, '');
  const r = right.replace(/^\s+/u, '');
  if (l === '') return r;
  if (r === '') return l;
  return `${l} ${r}`;
}

/** The same pattern with every `\b` made Unicode-aware (and the `u` flag set); see word-boundary.ts. */
export function uni(re: RegExp): RegExp {
  const flags = re.flags.includes('u') ? re.flags : `${re.flags}u`;
  return new RegExp(unicodeBoundaries(re.source), flags);
}
