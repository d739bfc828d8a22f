/**
 * Text normalization: the form in which article text is stored and hashed.
 *
 * Decisions (changing any of them changes NORMALIZE_VERSION):
 * - Line ends: CRLF and CR become LF; U+2028 is a line break, U+2029 a paragraph break.
 * - Removed: zero-width characters (U+200B-U+200D, U+2060, U+FEFF), the soft hyphen U+00AD
 *   (invisible unless a line wraps at it), and control characters (C0, DEL, C1) except LF.
 *   Unpaired surrogates become U+FFFD, so the text is exactly what its UTF-8 hash covers.
 * - Tab, vertical tab, form feed, NBSP and every other Unicode space separator become ' '.
 * - Unicode NFC.
 * - Within a line, runs of spaces collapse to one; every line is trimmed.
 * - A paragraph break is a blank line: paragraphs are separated by exactly "\n\n". A single
 *   "\n" (from <br> in the page) stays as a line break inside its paragraph.
 * - The whole text is trimmed.
 * The result is idempotent: normalize(normalize(x)) === normalize(x).
 *
 * Every other text field of a result (title, byline, authors, captions, removed texts...) is
 * made storable by storable.ts (U+0000 removed, unpaired surrogates as U+FFFD, each change
 * recorded): part of this stage's version (1.1.0).
 */

export const NORMALIZE_VERSION = '1.1.0';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const SPACE_LIKE = /[\t\v\f\p{Zs}]/gu;
const CONTROL_EXCEPT_LF = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g;

export function normalize(text: string): string {
  const unified = text
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/\r\n?/g, '\n')
    .replace(/\u2028/g, '\n')
    .replace(/\u2029/g, '\n\n')
    .replace(INVISIBLE, '')
    .replace(SPACE_LIKE, ' ')
    .replace(CONTROL_EXCEPT_LF, '')
    .normalize('NFC');
  return unified
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}

/** Minimal shape blocksToText needs, so it accepts Block[] and cleaned blocks alike. */
export interface TextBlock {
  kind: string;
  text: string;
}

/**
 * The article text: each block normalized (figures skipped, they carry no text of their
 * own; empty blocks skipped), joined as paragraphs by "\n\n". That is already `normalize` of
 * the whole, so it is not run again (a second pass cost a tenth of the stage): normalized
 * paragraphs are non-empty, trimmed, free of 3+ line feeds, and nothing composes across a
 * line feed in NFC. normalize.test.ts checks the equality on random blocks.
 */
export function blocksToText(blocks: readonly TextBlock[]): string {
  const paragraphs: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'figure') continue;
    const text = normalize(block.text);
    if (text) paragraphs.push(text);
  }
  return paragraphs.join('\n\n');
}
