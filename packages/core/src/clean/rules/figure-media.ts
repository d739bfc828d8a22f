import type { Block, MediaItem } from '../../types.ts';
import type { CleanRule } from '../rule.ts';
import { CREDIT_PATTERNS, splitCaption } from '../text/credits.ts';
import { comparable } from '../text/text-utils.ts';

/** Gallery counters glued to the front of a figcaption: "1of4A shopper looks…". */
const GALLERY_COUNTER = /^\d{1,3}\s?of\s?\d{1,3}(?=\p{Lu}|\s)/u;

/** Media item for a figure or caption block: caption and credit split where a credit is glued. */
export function figureMedia(src: string | undefined, text: string): MediaItem {
  const parts = splitCaption(text.replace(GALLERY_COUNTER, '').trim());
  return { src: src ?? null, caption: parts.caption || null, credit: parts.credit };
}

/** Media item for a figure block: its figcaption (credit split off), else its alt text. */
export function mediaOfFigure(b: Block): MediaItem {
  const item = figureMedia(b.src, b.caption || b.text || '');
  if (item.caption === null && b.alt) item.caption = b.alt;
  return item;
}

/** Do two caption texts say the same (one is a prefix of the other, credit or not)? */
export function sameCaption(a: string | undefined, b: string | undefined): boolean {
  const x = comparable(a ?? '');
  const y = comparable(b ?? '');
  if (x.length < 12 || y.length < 12) return false;
  return x.startsWith(y) || y.startsWith(x);
}

export const figureMediaRule: CleanRule = {
  id: 'figure-media',
  description: 'Figure blocks (image + figcaption) and standalone figcaption blocks, moved to `media`.',
  why: 'Captions describe an image, not the story; they are kept as media metadata with src and credit.',
  examples: {
    removes: [],
    keeps: [],
  },
  patterns: [GALLERY_COUNTER, ...CREDIT_PATTERNS],
  matchBlock(doc, i) {
    const b = doc.block(i);
    if (!b || (b.kind !== 'figure' && b.kind !== 'caption')) return null;
    if (b.kind === 'caption') return { media: [figureMedia(b.src, b.text)] };
    // The extractor may repeat the figcaption as a caption block right after the figure: one item.
    const next = doc.block(i + 1);
    const twin = next?.kind === 'caption' && sameCaption(next.text, b.caption || b.alt);
    return { blocks: twin ? [i, i + 1] : [i], media: [mediaOfFigure(b)] };
  },
};
