/**
 * The shape of a cleaning rule. A rule is a small named module: what it removes, why, examples
 * that double as tests, the patterns it relies on (hashed into the rule-set version), and one or
 * two matchers: `matchBlock` drops (or moves to metadata) whole blocks, `matchSpans` cuts noise
 * glued inside a paragraph and keeps the rest.
 */
import type { MediaItem } from '../types.ts';
import type { DocView } from './doc-view.ts';

export interface RuleExamples {
  /** Texts the rule removes (a blank line separates blocks; "• " lines form one list). */
  removes: string[];
  /** Texts that look similar but are content: nothing may remove them. */
  keeps: string[];
}

/** What a block matcher decided. */
export interface BlockMatch {
  /** Indices (in the current view) of the blocks removed; default: the block examined. */
  blocks?: number[];
  /** Authors found in the removed blocks (bylines, contributor lines, bios). */
  authors?: string[];
  /** Media found in the removed blocks (figures, captions, credits). */
  media?: MediaItem[];
}

/** A span to cut out of one block's text. */
export interface SpanMatch {
  start: number;
  end: number;
  authors?: string[];
  media?: MediaItem[];
}

export interface CleanRule {
  /** Stable kebab-case id, recorded with every removal. */
  id: string;
  /** What the rule removes. */
  description: string;
  /** Why this is noise (and what keeps it precise). */
  why: string;
  examples: RuleExamples;
  /** Regular expressions the rule relies on; their sources version the rule set. */
  patterns: readonly RegExp[];
  /** Thresholds the rule relies on; also part of the version. */
  params?: Readonly<Record<string, number | string | boolean>>;
  /**
   * Matchers are pure and learn everything through `doc`, the index included: they pass it to the
   * view, never compare it themselves (use `doc.inFirst`), so the engine can tell a verdict about
   * a block alone (reused in later passes) from one that depends on where the block stands.
   */
  matchBlock?(doc: DocView, index: number): BlockMatch | null;
  matchSpans?(doc: DocView, index: number): SpanMatch[];
}
