/**
 * "Nothing here" verdicts the engine can reuse within one cleaning run. A matcher that found
 * nothing in a block while reading only that block (the view tells: `readOnlySubject()`) finds
 * nothing in the same block object again, wherever it now stands, so later passes skip it. Most
 * blocks survive a pass unchanged, and the repeat pass then re-examines only what depends on
 * the neighbourhood (positions, the article's extent, neighbours, authors found).
 */
import type { Block } from '../types.ts';

/** A rule's block or span matcher: the verdicts of each are kept apart. */
type Matcher = (...args: never[]) => unknown;

export class EmptyVerdicts {
  private readonly empty = new Map<Matcher, Set<Block>>();

  /** Did `matcher` already find nothing in `block`, reading only that block? */
  has(matcher: Matcher, block: Block): boolean {
    return this.empty.get(matcher)?.has(block) ?? false;
  }

  add(matcher: Matcher, block: Block): void {
    let blocks = this.empty.get(matcher);
    if (!blocks) this.empty.set(matcher, (blocks = new Set()));
    blocks.add(block);
  }
}
