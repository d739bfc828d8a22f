import type { CleanRule, SpanMatch } from '../rule.ts';
import { wordCount } from '../text/text-utils.ts';

/** Shop buttons as whole blocks. */
const BUY_BLOCK =
  /^(?:buy (?:it )?(?:now|here|today)(?: (?:on|at|from) .{2,40})?|buy (?:on|at|from) [\p{Lu}\d].{1,40}|shop (?:now|it|the look)(?: (?:on|at) .{2,40})?|see (?:price|deal|it|offer) (?:on|at) .{2,40}|check (?:price|availability) (?:on|at) .{2,40}|[$£€]\s?[\d.,]+ (?:at|on|from) [\p{Lu}][\w.]*(?: [\p{Lu}][\w.]*)?|jetzt (?:kaufen|bestellen|ansehen)(?: bei .{2,40})?|(?:jetzt )?bei [\p{Lu}][\w.]* (?:kaufen|ansehen|bestellen)|acheter (?:sur|chez) .{2,40}|voir l['’]offre|comprar (?:en|ahora)(?: en)? ?.{0,40}|ver oferta(?: en .{2,40})?)[\s.!»›>]*$/iu;
/** The same button glued to the end of a paragraph, after a full stop. */
const BUY_TAIL = /(?<=[.!?])\s+(?:Buy (?:it )?now (?:on|at|from)|Shop now (?:on|at)|Jetzt bei|Acheter sur|Comprar en) [\p{Lu}][\w.]*(?: [\p{Lu}][\w.]*)?[\s.!»›>]*$/u;

/** Every BUY_TAIL match contains one of these. */
const TAIL_WORDS = ['Buy ', 'Shop now ', 'Jetzt bei ', 'Acheter sur ', 'Comprar en '];

export const buyButton: CleanRule = {
  id: 'buy-button',
  description: 'Shop buttons: "Buy now on Amazon", "Shop now", "$29.99 at Amazon", "Jetzt bei Amazon kaufen", "Acheter sur Fnac", "Comprar en Amazon"; also glued to a paragraph\'s end.',
  why: 'Commerce buttons flattened into text. Whole short blocks, or a capitalised button after a full stop at the very end of a paragraph.',
  examples: {
    removes: ['Buy now on Amazon', '$29.99 at Amazon', 'Shop now', 'Jetzt bei Amazon kaufen', 'Comprar en Amazon', 'The headphones have excellent noise cancelling. Buy now on Amazon'],
    keeps: [
      'Shoppers rushed to buy now before prices rise, economists said.',
      'You can buy it on Amazon or at most electronics shops for about $30.',
      'Get it on Amazon for $39.99',
    ],
  },
  patterns: [BUY_BLOCK, BUY_TAIL],
  matchBlock(doc, i) {
    const t = doc.text(i).trim();
    return wordCount(t) <= 10 && BUY_BLOCK.test(t) ? {} : null;
  },
  matchSpans(doc, i) {
    const t = doc.text(i);
    // BUY_TAIL cannot match without one of its (case-sensitive) button words.
    const m = TAIL_WORDS.some((w) => t.includes(w)) ? BUY_TAIL.exec(t) : null;
    const spans: SpanMatch[] = [];
    if (m) spans.push({ start: m.index, end: t.length });
    return spans;
  },
};
