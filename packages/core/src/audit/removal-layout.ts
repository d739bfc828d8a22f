/**
 * Places every removal of a stored article in the text it was cut from (the audit view of the
 * web UI). `removed` records each removal's rule, text and `position` (the index of the input
 * block it came from) but not which input block each kept paragraph of `text` came from, so the
 * stored record alone cannot interleave them. The pipeline is deterministic, so the layout is
 * taken from running its text stages again on the capture's raw bytes, with the clean stage
 * tracing each kept block's input index, and used ONLY when that run reproduces the stored
 * record: the same text (hence content hash) and the same removals (rule and position, in
 * order). Then the layout is exactly the one that made the article. Otherwise (another pipeline
 * version, site rules the viewer was not given, no raw body) nothing is guessed: the result says
 * `placed: false` with the reason, and the caller lists the removals by position instead.
 *
 * Within a block, each removal's text is found in the block's original text (span rules record
 * the exact cut, block rules the whole block); a removal whose text cannot be found (a cut that
 * spans an earlier cut's seam) is shown after the block's text, still under its rule.
 */
import type { CleanTrace } from '../clean/engine.ts';
import { runTextStages, type ProcessPageOptions } from '../pipeline.ts';
import { storableText } from '../storable.ts';
import type { Block, BlockKind, RemovedItem } from '../types.ts';

/** A piece of a block: kept text (`rule` null) or text removed by `rule`. */
export interface LaidOutSegment {
  text: string;
  rule: string | null;
}

export interface LaidOutBlock {
  /** Index of the block in the extracted blocks (the `position` of its removals). */
  position: number;
  kind: BlockKind;
  /** Whether some of the block is in the stored text (false: the whole block was removed). */
  kept: boolean;
  segments: LaidOutSegment[];
}

export type RemovalLayout =
  | { placed: true; blocks: LaidOutBlock[]; fieldRemovals: RemovedItem[] }
  | { placed: false; reason: string; fieldRemovals: RemovedItem[] };

/** What the archive stored for the article. */
export interface StoredRemovals {
  text: string;
  removed: readonly RemovedItem[];
}

/** Records that are about a field, not a block (`unstorable-characters`, position -1). */
function isFieldRemoval(r: RemovedItem): boolean {
  return r.position < 0;
}

/** The same removals: rule and position, in order (texts may differ only by storable fixes). */
function sameRemovals(a: readonly RemovedItem[], b: readonly RemovedItem[]): boolean {
  return a.length === b.length && a.every((r, i) => r.rule === b[i]!.rule && r.position === b[i]!.position && storableText(r.text) === b[i]!.text);
}

/**
 * Lays out the removals of an article stored from `raw` with `options` (as the process step gave
 * them: the capture's final URL, its Content-Type header, the clean options in force).
 */
export function layoutRemovals(raw: Uint8Array | string, options: ProcessPageOptions, stored: StoredRemovals): RemovalLayout {
  const fieldRemovals = stored.removed.filter(isFieldRemoval);
  const blockRemovals = stored.removed.filter((r) => !isFieldRemoval(r));
  const trace: CleanTrace = { origins: [] };
  let run: ReturnType<typeof runTextStages>;
  try {
    run = runTextStages(raw, options, trace);
  } catch (error) {
    return { placed: false, reason: `running the pipeline again failed: ${(error as Error).message}`, fieldRemovals };
  }
  if (storableText(run.text) !== stored.text) {
    return { placed: false, reason: 'running this pipeline again on the raw capture gives a different text (the article was made by another pipeline version or with other clean options)', fieldRemovals };
  }
  if (!sameRemovals(run.cleaned.removed, blockRemovals)) {
    return { placed: false, reason: 'running this pipeline again on the raw capture records other removals (the article was made by another pipeline version or with other clean options)', fieldRemovals };
  }
  const kept = new Set(trace.origins);
  const byPosition = new Map<number, RemovedItem[]>();
  for (const r of run.cleaned.removed) {
    const list = byPosition.get(r.position) ?? [];
    list.push(r);
    byPosition.set(r.position, list);
  }
  const blocks: LaidOutBlock[] = [];
  for (const [position, block] of run.extracted.blocks.entries()) {
    const removals = byPosition.get(position) ?? [];
    const isKept = kept.has(position);
    // Kept figures and empty blocks are not part of the stored text (blocksToText skips them).
    if (removals.length === 0 && (!isKept || block.kind === 'figure' || block.text.trim() === '')) continue;
    blocks.push({ position, kind: block.kind, kept: isKept, segments: segmentsOf(sourceText(block), removals) });
  }
  return { placed: true, blocks, fieldRemovals };
}

/** The text a block offers (figures may carry only a caption, alt or src), as the engine reads it. */
function sourceText(b: Block): string {
  return b.text || b.caption || b.alt || b.src || '';
}

interface Mark {
  start: number;
  end: number;
  rule: string;
}

/** The block's text cut into kept and removed segments; unlocated removals follow it. */
export function segmentsOf(text: string, removals: readonly RemovedItem[]): LaidOutSegment[] {
  const marks: Mark[] = [];
  const unlocated: LaidOutSegment[] = [];
  for (const r of removals) {
    const at = r.text === '' ? -1 : freeOccurrence(text, r.text, marks);
    if (at < 0) unlocated.push({ text: r.text, rule: r.rule });
    else marks.push({ start: at, end: at + r.text.length, rule: r.rule });
  }
  marks.sort((a, b) => a.start - b.start);
  const out: LaidOutSegment[] = [];
  let cursor = 0;
  for (const m of marks) {
    if (m.start > cursor && text.slice(cursor, m.start).trim() !== '') out.push({ text: text.slice(cursor, m.start), rule: null });
    out.push({ text: text.slice(m.start, m.end), rule: m.rule });
    cursor = m.end;
  }
  if (cursor < text.length && text.slice(cursor).trim() !== '') out.push({ text: text.slice(cursor), rule: null });
  return [...out, ...unlocated];
}

/** The first occurrence of `needle` in `text` that overlaps no mark, or -1. */
function freeOccurrence(text: string, needle: string, marks: readonly Mark[]): number {
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    if (!marks.some((m) => at < m.end && m.start < end)) return at;
  }
  return -1;
}
