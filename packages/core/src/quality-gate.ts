/**
 * The quality gate: a page whose article, once cleaned, has too little text is not an
 * article (a stub, an error page, a teaser, `<p>Hi.</p>`), and is refused with
 * NotAnArticleError instead of being stored as one.
 */
import { isWhitespaceUnit } from './whitespace.ts';
import { NotAnArticleError } from './errors.ts';
import { PROCESS_PAGE_DEFAULTS } from './defaults.ts';

/** Bump when the gate's rule (not its threshold, which is recorded beside it) changes. */
export const GATE_VERSION = '1';

/**
 * The default minimum: characters of the cleaned text, whitespace not counted. About one
 * sentence: low enough for the shortest real articles (briefs, corrections, a few lines of
 * Japanese), high enough to refuse error pages and stubs.
 */
export const DEFAULT_MIN_TEXT_CHARS = PROCESS_PAGE_DEFAULTS.minTextChars;

/** The gate's entry in `versions`: the rule and the threshold, since both decide the outcome. */
export function gateVersion(minTextChars: number = DEFAULT_MIN_TEXT_CHARS): string {
  return `${GATE_VERSION};min-text-chars=${minTextChars}`;
}

/** Characters that count towards the minimum: everything but whitespace, by code point. */
export function textSize(text: string): number {
  // By UTF-16 unit, without a regular expression per character: a surrogate pair counts once
  // (whitespace is all in the BMP), a lone surrogate once, as `for...of` would.
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      n++;
    } else if (!isWhitespaceUnit(unit)) n++;
  }
  return n;
}

export function checkMinimumText(text: string, minTextChars: number = DEFAULT_MIN_TEXT_CHARS): void {
  if (!Number.isInteger(minTextChars) || minTextChars < 0) throw new RangeError(`minTextChars must be a non-negative integer, got ${minTextChars}`);
  const size = textSize(text);
  if (size < minTextChars) {
    throw new NotAnArticleError(
      `the article has ${size} characters of text, under the minimum of ${minTextChars} ` +
        '(minTextChars, VELLUM_MIN_TEXT_CHARS); too little for an article, so it was not stored',
    );
  }
}
