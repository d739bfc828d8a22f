/**
 * Small text measures shared by the cleaning rules. Rules prefer structural signals (short
 * block, link-only, all capitals) over loose keywords; these helpers compute those signals.
 */
import { unicodeBoundaries } from './word-boundary.ts';

/** Number of whitespace-separated words. */
export function wordCount(text: string): number {
  const t = text.trim();
  return t === '' ? 0 : t.split(/\s+/u).length;
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
