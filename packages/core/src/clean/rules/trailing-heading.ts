import type { CleanRule } from '../rule.ts';

export const trailingHeading: CleanRule = {
  id: 'trailing-heading',
  description: 'A heading left as the article\'s last block ("Something to Consider", "Holiday Gift Guides", "Home").',
  why: 'A heading introduces what follows; with nothing after it, it is the label of a widget the other rules (or the extractor) already took away.',
  examples: { removes: [], keeps: [] },
  patterns: [],
  matchBlock(doc, i) {
    return i === doc.length - 1 && i > 0 && doc.block(i)?.kind === 'heading' ? {} : null;
  },
};
