import type { Block } from '../../types.ts';
import type { CleanRule } from '../rule.ts';
import { DATE_PATTERNS, isDateStamp } from '../text/dates.ts';
import { uni } from '../text/text-utils.ts';

/** A label that says the line is a stamp wherever it appears. */
const STAMP_LABEL =
  uni(/^(?:\|\s*)?(?:published|updated|posted|last updated|last modified|first published|modified|veröffentlicht|aktualisiert|zuletzt aktualisiert|publié|mis à jour|publicado|actualizado|atualizado)\b\s*(?:on|at|am|le|el)?\s*:?/iu);
const RELATIVE_STAMP =
  /^(?:(?:published|updated|posted)\s+)?(?:\d{1,3}|an?|one)\s+(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago$/iu;

const HEAD_BLOCKS = 2;

/** Is the block only a date (measured once per block: the verdict also depends on its place)? */
function dateStamp(b: Block): boolean {
  return isDateStamp(b.text.trim());
}

export const timestampLine: CleanRule = {
  id: 'timestamp-line',
  description:
    'Publication and update stamps standing alone: "Updated 1:39 am EST, Wednesday, November 20, 2019", "Published 2 hours ago", "Publié le 3 mars 2021 à 10h12".',
  why: 'The date is page metadata (read separately); a line that is only a date carries no prose. Unlabelled dates count only at the head or foot of the article.',
  examples: {
    removes: [
      'Updated 1:39 am EST, Wednesday, November 20, 2019',
      'November 18, 2019 | 4:10pm',
      'Published 11:11 PM EST Nov 19, 2019',
      'Updated Nov 19, 6:55 AM;Posted Nov 19, 6:51 AM',
      'sexta-feira, 22 de outubro de 2010 às 20:13',
      'Veröffentlicht am 3. März 2021 um 10:12 Uhr',
      'Publié le 3 mars 2021 à 10h12',
      'Published 1 day ago',
      'November 20, 2019 / 1:07 AM / CBS News',
    ],
    keeps: [
      'By March, the army had lost a third of its tanks.',
      'On November 20, 2019, the court ruled against him.',
      'In 2019, 3,248 cases were reported worldwide.',
      'Updated figures show 21,602 desertions in October alone.',
    ],
  },
  patterns: [STAMP_LABEL, RELATIVE_STAMP, ...DATE_PATTERNS],
  params: { maxChars: 120, headBlocks: HEAD_BLOCKS },
  matchBlock(doc, i) {
    const b = doc.block(i);
    if (!b || b.kind === 'heading' || b.kind === 'figure') return null;
    const t = b.text.trim();
    if (t.length > 120) return null;
    if (RELATIVE_STAMP.test(t)) return {};
    const labelled = STAMP_LABEL.test(t);
    // Unlabelled dates count near the head (a dek may come first) or at the foot only.
    if (!labelled && !doc.inFirst(i, HEAD_BLOCKS + 1) && !doc.atStart(i) && !doc.atEnd(i)) return null;
    return doc.measure(i, dateStamp) ? {} : null;
  },
};
