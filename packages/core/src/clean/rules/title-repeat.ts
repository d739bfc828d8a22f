import type { CleanRule } from '../rule.ts';

const MIN_SHARE = 0.6;

export const titleRepeat: CleanRule = {
  id: 'title-repeat',
  description: 'The page title repeated as a block at the head of the article (needs `CleanOptions.title`).',
  why: 'The title is stored as metadata; its copy in the body would be counted twice. Only blocks before any substantial paragraph that equal the title (or the title without its " - Site" suffix) match.',
  examples: { removes: [], keeps: [] },
  patterns: [],
  params: { minShare: MIN_SHARE },
  matchBlock(doc, i) {
    const title = doc.context.title;
    if (!title || !doc.atStart(i)) return null;
    const t = doc.comparable(i);
    const full = doc.comparableText(title);
    if (t.length < 10 || full.length < 10) return null;
    return t === full || (full.startsWith(t) && t.length >= MIN_SHARE * full.length) ? {} : null;
  },
};
