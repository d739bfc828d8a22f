import type { CleanRule } from '../rule.ts';
import { isShouting } from '../text/text-utils.ts';

const MAX_CHARS = 200;

export const linkOnlyLine: CleanRule = {
  id: 'link-only-line',
  description: 'Lines that are entirely a link and set in capitals ("SEAN SPICER ELIMINATED FROM \'DANCING WITH THE STARS\'"), the in-article promos of other stories.',
  why: 'In-article promos for other stories are whole links styled as shouting kickers; ordinary sentences are neither fully linked nor in capitals.',
  examples: { removes: [], keeps: [] },
  patterns: [],
  params: { maxChars: MAX_CHARS, minCoverage: 0.9 },
  matchBlock(doc, i) {
    const b = doc.block(i);
    if (!b || (b.kind !== 'paragraph' && b.kind !== 'heading' && b.kind !== 'other')) return null;
    if (b.text.length > MAX_CHARS || doc.linkCoverage(i) < 0.9) return null;
    return isShouting(b.text) ? {} : null;
  },
};
