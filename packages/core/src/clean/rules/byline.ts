import type { Block } from '../../types.ts';
import type { DocView } from '../doc-view.ts';
import type { BlockMatch, CleanRule } from '../rule.ts';
import { AGENCY_LINE, BYLINE_PATTERNS, authorsOfDeclaredByline, parseByline } from '../text/bylines.ts';
import { isDateStamp } from '../text/dates.ts';
import { parseNamesWithRoles } from '../text/names.ts';

const MAX_BYLINE = 180;
const BARE_BY = /^(?:by|von|par|por)$/iu;

/** Does the block repeat the byline the page declared in its metadata? */
function repeatsDeclaredByline(doc: DocView, i: number): boolean {
  const declared = doc.context.byline;
  if (!declared) return false;
  const b = doc.comparableText(declared);
  const t = doc.comparable(i);
  if (t.length < 3 || b.length < 3) return false;
  if (t === b || (b.includes(t) && t.length >= 0.5 * b.length)) return true;
  // "<byline> <date>" or "<byline> | <date>"
  if (t.startsWith(b)) return isDateStamp(doc.text(i).slice(declared.length).trim(), { maxLeftoverWords: 1 });
  return false;
}

/** Authors of a "By …" line (measured once per block: the verdict also depends on its place). */
function bylineNames(b: Block): string[] | null {
  return parseByline(b.text.trim());
}

function matchByline(doc: DocView, i: number): BlockMatch | null {
  const b = doc.block(i);
  if (!b || b.kind === 'figure' || b.kind === 'caption') return null;
  const t = b.text.trim();
  if (t.length > MAX_BYLINE) return null;

  const names = doc.measure(i, bylineNames);
  if (names) return { authors: names };

  const head = doc.atStart(i);
  const foot = doc.atEnd(i);
  if ((head || foot) && repeatsDeclaredByline(doc, i)) {
    return { authors: authorsOfDeclaredByline(doc.context.byline ?? t) };
  }
  if (!head) return null;
  // A bare "By" with the names in the next block.
  if (BARE_BY.test(t)) {
    const next = doc.text(i + 1).trim();
    const parsed = next.length <= 80 ? parseNamesWithRoles(next) : null;
    return parsed ? { blocks: [i, i + 1], authors: parsed.names } : {};
  }
  // "Tom Krisher, AP Auto Writer", "Meg Kinnard and Errin Haines, Associated Press"
  if (t.length <= 100) {
    const parsed = parseNamesWithRoles(t);
    if (parsed && parsed.roles.length > 0) return { authors: parsed.names };
  }
  if (AGENCY_LINE.test(t)) return { authors: [t] };
  return null;
}

export const byline: CleanRule = {
  id: 'byline',
  description:
    'Bylines ("By …", "Written by …", "Von …", "Par …", "Por …", "Name, AP Writer", an agency line at the head, the page\'s declared byline repeated in the text); names move to `authors`.',
  why: 'Authorship is metadata. The text after "By" must parse as a list of capitalised names (cut at a date or separator), so prose such as "By March, the army had…" stays.',
  examples: {
    removes: [
      'By Justine Coleman - 11/18/19 11:04 PM EST',
      'By Stefan Becket, Kathryn Watson, Grace Segers',
      'By Mike Wuerthele and Malcolm Owen Monday, November 18, 2019, 04:05 pm PT (07:05 pm ET)',
      'Written by Jane Doe',
      'Von Anna Schmidt und Peter Müller',
      'Par Jean-Luc Dupont',
      'Por Juan Pérez',
      'Tom Krisher, AP Auto Writer',
      'Posted on March 30, 2015 by Admin',
    ],
    keeps: [
      'By March, the army had lost a third of its tanks.',
      'By the end of the week, the Kremlin had ordered a new offensive.',
      'Von der Leyen said the bloc would respond.',
      'Par ailleurs, le gouvernement a annoncé des mesures.',
      'Por su parte, el ministro negó las acusaciones.',
      'By 2030, emissions must fall by half.',
    ],
  },
  patterns: [...BYLINE_PATTERNS, BARE_BY],
  params: { maxByline: MAX_BYLINE },
  matchBlock: matchByline,
};
