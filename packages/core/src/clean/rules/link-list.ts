import type { DocView } from '../doc-view.ts';
import type { CleanRule } from '../rule.ts';
import { wordCount } from '../text/text-utils.ts';

const MIN_ITEMS = 2;
const LINKED_SHARE = 0.7;
const MAX_ITEM = 160;
const MAX_KICKER = 30;

/** A short line that is a whole link to a headline (not a bare URL). */
function headlineLink(doc: DocView, j: number): boolean {
  const b = doc.block(j);
  if (!b || b.kind === 'figure' || b.kind === 'caption') return false;
  return b.text.length <= MAX_ITEM && wordCount(b.text) >= 3 && doc.linkCoverage(j) >= 0.9;
}

/** Lines from i to the end that are all whole links: an unlabelled related-stories block. */
function trailingLinks(doc: DocView, i: number): number[] | null {
  if (!headlineLink(doc, i) || headlineLink(doc, i - 1)) return null;
  const run: number[] = [];
  for (let j = i; j < doc.length; j++) {
    if (!headlineLink(doc, j)) return null;
    run.push(j);
  }
  return run.length >= MIN_ITEMS && doc.atStart(i) === false ? run : null;
}

export const linkList: CleanRule = {
  id: 'link-list',
  description:
    'Lists of links before the article starts (navigation menus) or after it ends (related stories, gift guides), and a run of whole-link headline lines that ends the article.',
  why: 'A list whose items are nearly all whole links, sitting before any paragraph or after the last one, is navigation; link lists inside the article body are kept.',
  examples: { removes: [], keeps: [] },
  patterns: [],
  params: { minItems: MIN_ITEMS, linkedShare: LINKED_SHARE, maxItem: MAX_ITEM, maxKicker: MAX_KICKER },
  matchBlock(doc, i) {
    const b = doc.block(i);
    if (b && b.kind !== 'list-item') {
      const tail = trailingLinks(doc, i);
      return tail ? { blocks: tail } : null;
    }
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
