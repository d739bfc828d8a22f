/**
 * Word-level diff of two versions of an article's text, for `vellum diff` and the API. The
 * algorithm is jsdiff's (the `diff` package, Myers' O(ND) diff), not ours; this module only fixes
 * its options and its output shape so that every caller gets the same, reproducible answer.
 */
import { diffWordsWithSpace } from 'diff';
import { DIFF_WORDS_DEFAULTS } from './defaults.ts';

export type DiffOp = 'equal' | 'insert' | 'delete';

export interface DiffPart {
  op: DiffOp;
  text: string;
}

export interface DiffWordsOptions {
  /**
   * The largest edit distance (in tokens) worth computing. Two texts further apart than this are
   * reported as one deletion of `a` and one insertion of `b`: a bound, not a timeout, so the
   * answer never depends on the machine's speed.
   * @defaultValue 20_000
   */
  maxEditLength?: number;
}

export const DEFAULT_MAX_EDIT_LENGTH = DIFF_WORDS_DEFAULTS.maxEditLength;

/**
 * The changes that turn `a` into `b`, word by word. Whitespace and newlines are tokens too
 * (jsdiff's diffWordsWithSpace), so the texts are reproduced exactly: the `equal` and `delete`
 * parts concatenated give `a`, the `equal` and `insert` parts give `b`. Adjacent parts of one op
 * are merged and empty parts dropped. Deterministic: same inputs, same output.
 */
export function diffWords(a: string, b: string, options: DiffWordsOptions = {}): DiffPart[] {
  if (a === b) return a === '' ? [] : [{ op: 'equal', text: a }];
  const changes = diffWordsWithSpace(a, b, { maxEditLength: options.maxEditLength ?? DEFAULT_MAX_EDIT_LENGTH });
  const parts: DiffPart[] = [];
  const push = (op: DiffOp, text: string): void => {
    if (text === '') return;
    const last = parts.at(-1);
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  if (!changes) {
    // Beyond maxEditLength: the whole of one text replaced by the whole of the other.
    push('delete', a);
    push('insert', b);
    return parts;
  }
  for (const change of changes) push(change.added ? 'insert' : change.removed ? 'delete' : 'equal', change.value);
  return parts;
}
