import type { MediaItem } from '../../types.ts';
import type { CleanRule } from '../rule.ts';
import { CREDIT_PATTERNS, splitCaption } from '../text/credits.ts';

/** Gallery counters glued to the front of a figcaption: "1of4A shopper looks…". */
const GALLERY_COUNTER = /^\d{1,3}\s?of\s?\d{1,3}(?=\p{Lu}|\s)/u;

/** Media item for a figure or caption block: caption and credit split where a credit is glued. */
export function figureMedia(src: string | undefined, text: string): MediaItem {
  const parts = splitCaption(text.replace(GALLERY_COUNTER, '').trim());
  return { src: src ?? null, caption: parts.caption || null, credit: parts.credit };
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
    const caption = b.kind === 'figure' ? b.caption || b.text || '' : b.text;
    const item = figureMedia(b.src, caption);
    if (item.caption === null && item.credit === null && b.kind === 'figure' && b.alt) item.caption = b.alt;
    return { media: [item] };
  },
};
