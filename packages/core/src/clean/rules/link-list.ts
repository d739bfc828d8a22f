import type { CleanRule } from '../rule.ts';
import { wordCount } from '../text/text-utils.ts';

const MIN_ITEMS = 2;
const LINKED_SHARE = 0.7;
const MAX_ITEM = 160;
const MAX_KICKER = 30;

export const linkList: CleanRule = {
  id: 'link-list',
  description: 'Lists of links before the article starts (navigation menus) or after it ends (related stories, gift guides).',
  why: 'A list whose items are nearly all whole links, sitting before any paragraph or after the last one, is navigation; link lists inside the article body are kept.',
  examples: { removes: [], keeps: [] },
  patterns: [],
  params: { minItems: MIN_ITEMS, linkedShare: LINKED_SHARE, maxItem: MAX_ITEM, maxKicker: MAX_KICKER },
  matchBlock(doc, i) {
    const run = doc.listRun(i);
    if (run[0] !== i) return null;
    // A lone linked item before the article is a section kicker ("Entertainment", "Home").
    if (run.length === 1) {
      const t = doc.text(i);
      const kicker = i <= 2 && t.length <= MAX_KICKER && wordCount(t) <= 3;
      return kicker && doc.atStart(i) && doc.linkCoverage(i) >= 0.8 ? {} : null;
    }
    if (run.length < MIN_ITEMS) return null;
    const last = run[run.length - 1] as number;
    if (!doc.atStart(i) && !doc.atEnd(last)) return null;
    if (run.some((j) => doc.text(j).length > MAX_ITEM)) return null;
    const linked = run.filter((j) => doc.linkCoverage(j) >= 0.8).length;
    return linked >= LINKED_SHARE * run.length ? { blocks: run } : null;
  },
};
