import type { CleanRule } from '../rule.ts';
import { hasNoWords } from '../text/text-utils.ts';

/** Escaped or raw HTML tags standing alone as a block's whole text. */
const ESCAPED_MARKUP = /^(?:\s*&(?:amp;)*lt;\/?[a-z][\w-]*(?:\s[^<>]*?)?\/?&(?:amp;)*gt;(?:[^<>&]|&[#\w]+;){0,30})+\s*$/iu;
/** A WordPress shortcode wrapping the whole block: "[button link=…]Send us…[/button]". */
const SHORTCODE_BLOCK = /^\[([a-z][\w-]*)(?:\s[^\]]*)?\][^[\]]{0,200}\[\/\1\]$/iu;
/** Shortcode tags left inside a paragraph (the inner text stays); lower case, as CMSs write them. */
const SHORTCODE_TAG =
  /\[\/?(?:caption|button|embed|gallery|video|audio|playlist|tweet|instagram|youtube|su_[a-z_]+|vc_[a-z_]+|et_pb_[a-z_]+|fusion_[a-z_]+)(?:\s[^\]]{0,300})?\]/gu;

export const markupResidue: CleanRule = {
  id: 'markup-residue',
  description:
    'Blocks with no words (zero-width spaces, lone bullets), escaped HTML tags and CMS shortcodes left in the text.',
  why: 'Extraction artefacts, not writing: they carry no words or only template syntax.',
  examples: {
    removes: [
      '\u200b',
      '&amp;lt;span data-mce-type="bookmark" class="mce_SELRES_start"&amp;gt;&amp;amp;#65279;&amp;lt;/span&amp;gt;',
      '[button link="http://example.com/review/" type="big"] Send us YOUR kit review[/button]',
      'The bike handles well. [caption id="attachment_12"]',
    ],
    keeps: [
      'The tag <div> is a block element, the author explained.',
      '<The Palace: Tale of Jang Noksu>',
      'Scores were [1] low and [2] high in the two trials.',
      'Ecoflow River 370 Review: Charge up to 9 devices with this power station [Video]',
      '1, 2, 3: the countdown began at noon.',
    ],
  },
  patterns: [ESCAPED_MARKUP, SHORTCODE_BLOCK, SHORTCODE_TAG],
  matchBlock(doc, i) {
    const b = doc.block(i);
    if (!b || b.kind === 'figure') return null;
    const t = b.text.trim();
    if (hasNoWords(t) || ESCAPED_MARKUP.test(t) || SHORTCODE_BLOCK.test(t)) return {};
    return null;
  },
  matchSpans(doc, i) {
    const t = doc.text(i);
    return [...t.matchAll(SHORTCODE_TAG)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  },
};
