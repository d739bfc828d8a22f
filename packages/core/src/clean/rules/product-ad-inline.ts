import type { CleanRule, SpanMatch } from '../rule.ts';

/**
 * The price part of an inline product box: "Best Price: $4.04 Buy New $12.79 (as of 01:36 UTC -
 * Details)". It is the anchor; the product title and author before it are found by walking back.
 */
const PRICE_BOX =
  /(?:Best Price|List Price|Price|Buy New|Buy Used)\s*:?\s*[$£€¥]\s?[\d.,]+(?:\s+(?:Buy New|Buy Used|New|Used)\s*:?\s*[$£€¥]\s?[\d.,]+)*\s*\(\s*as of [^()]{1,40}?(?:\s*[-–]\s*Details)?\s*\)/gu;

/** A title truncated with an ellipsis, then the author: "The Origin of Names, W... Foote, Patrick ". */
const TITLE_WITH_ELLIPSIS = /(?:^|(?<=[.!?…"”’)]\s))[^.!?…]{1,120}(?:\.{3}|…)[^.!?…]{0,80}$/u;
/** A short untruncated title: from the last sentence end. */
const SHORT_TITLE = /(?:^|(?<=[.!?…"”’)]\s))[^.!?…]{1,100}$/u;

/** Where the product title before the price box starts (index into `before`). */
function titleStart(before: string): number {
  const m = TITLE_WITH_ELLIPSIS.exec(before) ?? SHORT_TITLE.exec(before);
  return m ? m.index : before.length;
}

export const productAdInline: CleanRule = {
  id: 'product-ad-inline',
  description:
    'Inline product boxes glued into paragraphs: "Title… Author Best Price: $x Buy New $y (as of HH:MM UTC - Details)".',
  why: 'Affiliate book/product widgets flattened into the text; the "(as of … - Details)" price stamp anchors the match, the rest of the paragraph stays.',
  examples: {
    removes: [
      'This number is massive. The Origin of Names, W... Foote, Patrick Best Price: $4.04 Buy New $12.79 (as of 01:36 UTC - Details)',
      'War Crimes Against Sou... Cisco, Walter Brian Best Price: $15.85 Buy New $25.49 (as of 09:36 UTC - Details)',
    ],
    keeps: [
      'The best price was $4.04 as of Monday, according to the exchange.',
      'Ukraine received $33 billion of aid, the best price Kyiv could hope for.',
      'Details (as of 01:36 UTC) remain unclear, officials said.',
    ],
  },
  patterns: [PRICE_BOX, TITLE_WITH_ELLIPSIS, SHORT_TITLE],
  matchSpans(doc, i) {
    const text = doc.text(i);
    const spans: SpanMatch[] = [];
    let from = 0;
    for (const m of text.matchAll(PRICE_BOX)) {
      const before = text.slice(from, m.index);
      const start = from + titleStart(before);
      spans.push({ start, end: m.index + m[0].length });
      from = m.index + m[0].length;
    }
    return spans;
  },
};
