import type { DocView } from '../doc-view.ts';
import type { CleanRule } from '../rule.ts';
import { wordCount } from '../text/text-utils.ts';

/** "Tags: a, b, c", "Filed under: X |", "Schlagwörter: …", "Étiquettes : …", "Etiquetas: …". */
const TAG_LABEL =
  /^(?:tags?|tagged(?: with| in)?|topics?|filed under|categor(?:y|ies)|keywords|related topics|schlagw(?:ö|oe)rter|schlagworte|themen|stichw(?:ö|oe)rter|étiquettes|mots[- ]clés|sujets|etiquetas|temas|palabras clave)\s*:?\s*/iu;

const MAX_TAG_WORDS = 6;
const MAX_TAG_CHARS = 40;
const MAX_TAGS = 15;

/** Is this short enough, and unpunctuated enough, to be a tag? */
function tagLike(text: string): boolean {
  const t = text.trim();
  return (
    t.length > 0 &&
    t.length <= MAX_TAG_CHARS &&
    wordCount(t) <= MAX_TAG_WORDS &&
    !/[.!?:;]$/u.test(t) &&
    !/^\d/u.test(t)
  );
}

/** "Tags: a, b" or "Tagsa, b" (label glued by extraction): the items after the label. */
function labelledTags(text: string): string[] | null {
  const m = TAG_LABEL.exec(text);
  if (!m || m[0].length === 0) return null;
  const colon = m[0].includes(':') || m[0].includes('\n');
  // Without a colon only the extraction-glued form counts: "Tagscalendario, stock car, …".
  const glued = !colon && /^(?:Tags|TAGS|Tagged)$/u.test(m[0]);
  if (!colon && !glued) return null;
  const rest = text.slice(m[0].length).trim();
  const items = rest.split(/\s*[,|;•·]\s*/u).filter((s) => s.trim() !== '');
  if (items.length === 0 || items.length > MAX_TAGS * 2 || !items.every(tagLike)) return null;
  return colon || items.length >= 3 ? items : null;
}

/** A list at the very end whose items all look like tags. */
function finalTagList(doc: DocView, i: number): number[] | null {
  const run = doc.listRun(i);
  if (run.length === 0 || run[0] !== i || run.length > MAX_TAGS) return null;
  const last = run[run.length - 1] as number;
  // Nothing but short furniture may follow, and no colon may introduce the list.
  if (!doc.atEnd(i) || last < doc.length - 3) return null;
  if (/:\s*$/u.test(doc.text(i - 1))) return null;
  return run.every((j) => tagLike(doc.text(j))) ? run : null;
}

export const tagList: CleanRule = {
  id: 'tag-list',
  description:
    'Tag and topic lists: "Tags: …", "Filed under: …", "Schlagwörter: …", "Étiquettes : …", "Etiquetas: …", and a closing bullet list of short topic names.',
  why: 'Taxonomy links, not prose. A label must be followed by short unpunctuated items; an unlabelled list only counts when it is the article\'s last block(s), is not introduced by a colon, and every item is a short name.',
  examples: {
    removes: [
      '• Russia Ukraine war\n• Vladimir Putin',
      'Filed under: Khawarij |',
      'Tagscalendario stock car 2018, stock car brasil, stock car cascavel',
      'Tags: Ukraine, Russia, Donbas',
      'Schlagwörter: Ukraine, Russland',
    ],
    keeps: [
      'Tags are used by the site to group related stories, the editor said.',
      'Topics discussed included trade, security and energy prices over the coming decade.',
      'Topics included trade, energy',
      'Tagesschau, ARD, ZDF',
      'The package contains:\n• 2 eggs\n• 1 cup flour',
    ],
  },
  patterns: [TAG_LABEL],
  params: { maxTagWords: MAX_TAG_WORDS, maxTagChars: MAX_TAG_CHARS, maxTags: MAX_TAGS },
  matchBlock(doc, i) {
    const b = doc.block(i);
    if (!b || b.kind === 'figure') return null;
    if (b.kind === 'list-item') {
      const run = finalTagList(doc, i);
      return run ? { blocks: run } : null;
    }
    return b.text.length <= 400 && labelledTags(b.text.trim()) ? {} : null;
  },
};
