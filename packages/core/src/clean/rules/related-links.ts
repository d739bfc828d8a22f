import type { DocView } from '../doc-view.ts';
import type { CleanRule } from '../rule.ts';

/** Section labels that introduce links to other articles (en, de, fr, es). */
const SECTION_LABEL =
  /^(?:you may also like|you might also like|you may be interested in|more great .{1,30} stories|more (?:stories|news|articles|coverage|videos)(?: from .{1,40}| on .{1,40}| like this)?|more (?:from|in) .{1,40}|more on (?:this (?:story|topic)|.{1,40})|more|related|related (?:stories|articles|posts|content|coverage|news|links|reading|videos?)(?: from .{1,60})?|recommended(?: for you| stories| articles| reading| videos)?|read next|what to read next|breaking news|trending(?: now| stories| news| videos)?|popular|popular (?:now|this week|today|stories|articles)|most (?:read|popular|viewed|shared|watched)|latest|latest (?:news|stories|articles|videos)|recent (?:articles|posts|stories)|top stories|around the web|from the web|promoted stories|sponsored stories|don['’]?t miss|editor['’]?s picks|want more stories like this\??|lesen sie auch|mehr zum thema|das könnte sie auch interessieren|meistgelesen|neueste artikel|à lire aussi|sur le même sujet|les plus lus|dans la même rubrique|te puede interesar|también te puede interesar|noticias relacionadas|lo más leído|más noticias|more .{1,30} news)[\s:.…!?]*$/iu;

const MAX_LABEL = 60;
const MAX_RUN_ITEM = 220;
const MAX_TAIL_ITEM = 400;
const MAX_TAIL_BLOCKS = 40;
const MAX_KICKER = 120;

/** Blocks after a label that are links: list items or link-dense short lines. */
function linkRun(doc: DocView, i: number): number[] {
  const run: number[] = [];
  for (let j = i + 1; j < doc.length; j++) {
    const b = doc.block(j);
    if (!b || b.text.length > MAX_RUN_ITEM) break;
    if (b.kind === 'list-item' || doc.linkCoverage(j) >= 0.6) run.push(j);
    else break;
  }
  return run;
}

/** Everything after a label at the article's foot, when it is all teaser-sized. */
function teaserTail(doc: DocView, i: number): number[] {
  const after = doc.length - i - 1;
  if (after === 0 || after > MAX_TAIL_BLOCKS) return [];
  let tailChars = 0;
  let headChars = 0;
  for (let j = 0; j < doc.length; j++) {
    const len = doc.text(j).length;
    if (j < i) headChars += len;
    else if (j > i) {
      if (len > MAX_TAIL_ITEM || doc.block(j)?.kind === 'quote') return [];
      tailChars += len;
    }
  }
  if (tailChars >= headChars) return [];
  const tail = Array.from({ length: after }, (_, k) => i + 1 + k);
  // Teasers: headlines, kickers and links outnumber full paragraphs.
  const teaserLike = tail.filter(
    (j) => doc.block(j)?.kind === 'heading' || doc.linkCoverage(j) >= 0.6 || doc.text(j).length < MAX_KICKER,
  ).length;
  return teaserLike * 2 >= tail.length ? tail : [];
}

export const relatedLinks: CleanRule = {
  id: 'related-links',
  description:
    'Related-article sections: a label ("You may also like", "More from UK", "Trending", "Related coverage", "Lesen Sie auch", "À lire aussi", "Te puede interesar") with the list or links after it, or, at the foot, with all the teaser-sized blocks after it.',
  why: 'Recommendation widgets inside the article container. The label must be a whole short block; what follows must be links, or a tail of short teasers shorter than the article itself.',
  examples: {
    removes: [
      'More from UK\n• Prince Andrew: BT and three universities abandon ties with duke\n• EuroMillions: UK ticket holder wins £105m jackpot prize',
      'You may also like...',
      'Trending\n• Tarzan actor Ron Ely’s wife killed\n• Iowa man finds animal blood flooding basement',
    ],
    keeps: [
      'Related charges were dropped in 2018, the court said.',
      'More than 21,000 soldiers deserted in October.',
      'The latest figures show a record number of desertions.',
    ],
  },
  patterns: [SECTION_LABEL],
  params: { maxLabel: MAX_LABEL, maxRunItem: MAX_RUN_ITEM, maxTailItem: MAX_TAIL_ITEM, maxTailBlocks: MAX_TAIL_BLOCKS, maxKicker: MAX_KICKER },
  matchBlock(doc, i) {
    const b = doc.block(i);
    if (!b || b.kind === 'list-item' || b.kind === 'figure') return null;
    const t = b.text.trim();
    if (t.length > MAX_LABEL || !SECTION_LABEL.test(t)) return null;
    const run = linkRun(doc, i);
    if (run.length > 0) return { blocks: [i, ...run] };
    const tail = teaserTail(doc, i);
    if (tail.length > 0) return { blocks: [i, ...tail] };
    return doc.atStart(i) || doc.atEnd(i) ? {} : null;
  },
};
