/**
 * What the archive can store: Postgres refuses U+0000 in text and jsonb, and jsonb refuses an
 * unpaired surrogate (node-postgres would also send one as U+FFFD without a word). The pipeline's
 * result passes through `storableResult`: U+0000 is removed and unpaired surrogates become
 * U+FFFD in every text field, and each field changed is recorded in `removed` (rule
 * `unstorable-characters`, position -1, the text saying which field and what), so the change is
 * visible in the article's provenance. The body text never needs it (normalize already removes
 * both); metadata read from the page (title, byline, authors, captions...) may.
 */
import { contentHash } from './hash.ts';
import type { MediaItem, PipelineResult, RemovedItem } from './types.ts';

/** The rule name of the records in `removed`. */
export const UNSTORABLE_RULE = 'unstorable-characters';

const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const UNSTORABLE = /\u0000|[\uD800-\uDFFF]/;

/** `text` as the archive can store it: U+0000 removed, unpaired surrogates as U+FFFD. */
export function storableText(text: string): string {
  if (!UNSTORABLE.test(text)) return text;
  return text.replace(NUL, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** The result with every text field storable, each change recorded in `removed`. */
export function storableResult(result: PipelineResult): PipelineResult {
  const records: RemovedItem[] = [];
  const fix = (field: string, value: string): string => {
    const fixed = storableText(value);
    if (fixed !== value) records.push({ rule: UNSTORABLE_RULE, text: describe(field, value), position: -1 });
    return fixed;
  };
  const fixOrNull = (field: string, value: string | null): string | null => (value === null ? null : fix(field, value));
  const fixedMedia = (item: MediaItem, i: number): MediaItem => ({
    src: fixOrNull(`media[${i}].src`, item.src),
    caption: fixOrNull(`media[${i}].caption`, item.caption),
    credit: fixOrNull(`media[${i}].credit`, item.credit),
  });
  // Fields in the result's order, so the records come in that order.
  const title = fixOrNull('title', result.title);
  const fixed: PipelineResult = {
    ...result,
    title,
    byline: fixOrNull('byline', result.byline),
    siteName: fixOrNull('siteName', result.siteName),
    lang: fixOrNull('lang', result.lang),
    publishedAt: fixOrNull('publishedAt', result.publishedAt),
    canonicalUrl: fixOrNull('canonicalUrl', result.canonicalUrl),
    ogUrl: fixOrNull('ogUrl', result.ogUrl),
    text: fix('text', result.text),
    contentHash: result.contentHash,
    authors: result.authors.map((author, i) => fix(`authors[${i}]`, author)),
    media: result.media.map(fixedMedia),
    removed: result.removed.map((item, i) => ({ ...item, rule: fix(`removed[${i}].rule`, item.rule), text: fix(`removed[${i}].text`, item.text) })),
    excerpt: fixOrNull('excerpt', result.excerpt),
  };
  if (fixed.text !== result.text) fixed.contentHash = contentHash(fixed.text);
  if (records.length === 0) return result;
  fixed.removed.push(...records);
  return fixed;
}

/** E.g. `title: U+0000 x2 removed`. */
function describe(field: string, value: string): string {
  const nul = value.match(NUL)?.length ?? 0;
  const surrogates = value.match(LONE_SURROGATE)?.length ?? 0;
  const parts: string[] = [];
  if (nul > 0) parts.push(`U+0000 x${nul} removed`);
  if (surrogates > 0) parts.push(`unpaired surrogate x${surrogates} replaced by U+FFFD`);
  return `${field}: ${parts.join(', ')}`;
}
