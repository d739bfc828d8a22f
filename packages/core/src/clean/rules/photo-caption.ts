import type { Block, MediaItem } from '../../types.ts';
import type { DocView } from '../doc-view.ts';
import type { BlockMatch, CleanRule } from '../rule.ts';
import { CREDIT_PATTERNS, type CaptionParts, creditLine, leadingCredit, prefixedCaption, trailingCredit } from '../text/credits.ts';
import { comparable, hasQuotation, sentenceCount, wordCount } from '../text/text-utils.ts';
import { figureMedia, mediaOfFigure, sameCaption } from './figure-media.ts';

const MAX_CAPTION = 650;
const MAX_WEAK_CAPTION = 300;
const MAX_PAIRED_CAPTION = 300;
const MAX_BESIDE_FIGURE = 400;

const TEXT_KINDS = new Set<Block['kind']>(['paragraph', 'list-item', 'caption', 'other', 'quote']);

/** Could block j be the caption that a standalone credit line follows? */
function captionBefore(doc: DocView, j: number): boolean {
  const b = doc.block(j);
  if (!b || !TEXT_KINDS.has(b.kind)) return false;
  const t = b.text.trim();
  if (t.length === 0 || t.length > MAX_PAIRED_CAPTION || hasQuotation(t)) return false;
  if (/[:?]$/u.test(t) || /^\(.*\)$/u.test(t) || creditLine(t) !== null) return false;
  // Mid-article, a short paragraph before a credit may be prose above an uncaptioned photo.
  return doc.atStart(j) && sentenceCount(t) <= 3;
}

/** Is block j a shorter copy of `caption` (the image's alt text repeated above its caption)? */
function duplicateBefore(doc: DocView, j: number, caption: string): boolean {
  const b = doc.block(j);
  if (!b || !TEXT_KINDS.has(b.kind)) return false;
  const prev = doc.comparable(j);
  return prev.length >= 12 && comparable(caption).startsWith(prev);
}

/** Index of a figure right before or after block i that has no caption of its own, else -1. */
function bareFigureBeside(doc: DocView, i: number): number {
  for (const j of [i - 1, i + 1]) {
    const b = doc.block(j);
    if (b?.kind === 'figure' && !b.caption && !b.text) return j;
  }
  return -1;
}

/** Index of a neighbouring figure whose own caption (or alt) this caption repeats, else -1. */
function twinFigureBeside(doc: DocView, i: number, caption: string): number {
  for (const j of [i - 1, i + 1]) {
    const b = doc.block(j);
    if (b?.kind === 'figure' && sameCaption(b.caption || b.alt, caption)) return j;
  }
  return -1;
}

/** A credit on a caption's last line: a known credit form or "Name/Agency" style slashes. */
function creditish(line: string): boolean {
  if (line.length > 80 || wordCount(line) > 8 || /[.!?…:]$/u.test(line)) return false;
  return creditLine(line) !== null || /^\p{Lu}[^/|]{1,40}(?:\s?[/|]\s?\p{Lu}[^/|]{0,40}){1,3}$/u.test(line);
}

/**
 * Caption text the extractor left as a paragraph beside a captionless figure: "caption\ncredit"
 * with a credit-like last line, or an unpunctuated caption line followed by a parenthesised
 * credit block ("(Walt Disney Co.)"). Plain paragraphs beside images stay.
 */
function besideFigure(doc: DocView, i: number, fig: number): BlockMatch | null {
  const t = doc.text(i).trim();
  if (t.length > MAX_BESIDE_FIGURE) return null;
  const lines = t.split(/\n+/u).map((l) => l.trim()).filter(Boolean);
  const last = lines[lines.length - 1] ?? '';
  const src = doc.block(fig)?.src ?? null;
  if (lines.length >= 2 && creditish(last)) {
    return { blocks: [fig, i], media: [{ src, caption: lines.slice(0, -1).join(' '), credit: last }] };
  }
  const after = Math.max(fig, i) + 1;
  const creditBlock = /^\(([^()]{2,60})\)$/u.exec(doc.text(after).trim());
  if (lines.length === 1 && creditBlock?.[1] && t.length <= 250 && !/[.!?…:"”’)]$/u.test(t)) {
    return { blocks: [fig, i, after], media: [{ src, caption: t, credit: creditBlock[1].trim() }] };
  }
  return null;
}

/** A credit glued to the end (or a copyright to the start) of the block's text. */
function gluedCredit(b: Block): CaptionParts | null {
  const t = b.text.trim();
  return trailingCredit(t) ?? (t.length <= MAX_WEAK_CAPTION ? leadingCredit(t) : null);
}

function withFigure(doc: DocView, i: number, credit: string): BlockMatch | null {
  const prev = doc.block(i - 1);
  if (prev?.kind !== 'figure') return null;
  const item = mediaOfFigure(prev);
  return { blocks: [i - 1, i], media: [{ ...item, credit: item.credit ?? credit }] };
}

export const photoCaption: CleanRule = {
  id: 'photo-caption',
  description:
    'Photo captions and credits in the text: "… Getty Images | Name", "… (AP Photo/Name)", "Photo by Name/Getty Images", standalone "Photo: Name, AP" lines (with the caption before them), "Image caption …"; moved to `media`.',
  why: 'Captions and credits describe images. A credit pattern is required (anchored at the end of the block, or the whole block); prose mentioning a photo has none.',
  examples: {
    removes: [
      "Military vehicles are seen near Pavlohrad, Dnipro area on February 24, 2022, Ukraine. Getty Images | Anastasia Vlasova",
      'Ukrainian soldiers mourn at the Church of St. Volodymyr on April 03, 2022 in Chervonohrad, Ukraine. Photo by Joe Raedle/Getty Images',
      'Photo: Damian Dovarganes, AP',
      'Vicente Aguiar loads garage door trims into his pickup truck. (AP Photo/Alan Diaz, File)',
      'FILE PHOTO: Traders work on the floor of the NYSE in New York, U.S., November 18, 2019. REUTERS/Brendan McDermid',
      'Natalie Naccache | Bloomberg | Getty Images',
      'Image caption Taylor Swift\'s seventh album, Lover, is the only one she owns the rights to',
      'Die Kanzlerin in Berlin. Foto: dpa',
      '© Lucy Nicholson Detainees at Otay Mesa immigration detention center in San Diego, Calif., on May 18, 2018.',
      'The core stage of the first SLS at Michoud Assembly Facility. (credit: NASA/Jude Guidry)',
    ],
    keeps: [
      'The ministry released a photo shared by a soldier in Kherson, showing the destroyed bridge.',
      'He said the photo by a local resident was genuine. Reporters could not verify it.',
      'Getty Images and Shutterstock both raised prices this year, analysts said, citing demand from publishers.',
      '“We saw the photos,” she said. “They were horrifying.”',
    ],
  },
  patterns: CREDIT_PATTERNS,
  params: { maxCaption: MAX_CAPTION, maxWeakCaption: MAX_WEAK_CAPTION, maxPairedCaption: MAX_PAIRED_CAPTION, maxBesideFigure: MAX_BESIDE_FIGURE },
  matchBlock(doc, i) {
    const b = doc.block(i);
    if (!b || !TEXT_KINDS.has(b.kind)) return null;
    const t = b.text.trim();

    const prefixed = prefixedCaption(t);
    if (prefixed !== null) return { media: [figureMedia(undefined, prefixed)] };

    const credit = creditLine(t);
    if (credit !== null) {
      const fig = withFigure(doc, i, credit);
      if (fig) return fig;
      if (captionBefore(doc, i - 1)) {
        const caption = doc.text(i - 1).trim();
        return { blocks: [i - 1, i], media: [{ src: null, caption, credit }] };
      }
      return { media: [{ src: null, caption: null, credit }] };
    }

    if (t.length > MAX_CAPTION + 100) return null;
    const bare = bareFigureBeside(doc, i);
    const parts = doc.measure(i, gluedCredit) ?? null;
    const fig = bare >= 0 ? bare : twinFigureBeside(doc, i, parts?.caption ?? t);
    if (!parts || parts.caption.length > MAX_CAPTION) return bare >= 0 ? besideFigure(doc, i, bare) : null;
    if (parts.weak && (parts.caption.length > MAX_WEAK_CAPTION || hasQuotation(parts.caption))) return null;
    const src = fig >= 0 ? (doc.block(fig)?.src ?? null) : null;
    const media: MediaItem[] = [{ src, caption: parts.caption, credit: parts.credit }];
    const blocks = duplicateBefore(doc, i - 1, parts.caption) ? [i - 1, i] : [i];
    if (fig >= 0) blocks.push(fig);
    return { blocks, media };
  },
};
