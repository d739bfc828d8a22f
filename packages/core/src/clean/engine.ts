/**
 * The rule engine: applies rules in their defined order, each to the blocks the previous rules
 * left, and records every removal with the rule's id and the block's index in the input. The
 * whole sequence repeats until a pass removes nothing (a removal can expose new structure, e.g.
 * a tag list that becomes the last block), which also makes cleaning idempotent.
 */
import type { Block, CleanResult, MediaItem, RemovedItem } from '../types.ts';
import { BlockFeatures, DocView, type ViewContext } from './doc-view.ts';
import type { BlockMatch, CleanRule, SpanMatch } from './rule.ts';
import { comparable, hasNoWords, joinAround } from './text/text-utils.ts';

/** Upper bound on passes; a pass that removes nothing ends the loop earlier. */
export const MAX_PASSES = 4;

interface Working {
  block: Block;
  /** Index in the input blocks. */
  origin: number;
  /**
   * Matchers (by slot: twice the rule's index, plus one for its span matcher) that found nothing
   * in this block while reading only this block (`DocView.readOnlySubject`). They would find
   * nothing in it again, wherever it now stands, so later passes skip them; a span cut makes a
   * new block and starts afresh.
   */
  settled: boolean[];
}

interface Found<T> {
  position: number;
  seq: number;
  value: T;
}

class Recorder {
  private seq = 0;
  readonly removed: Array<Found<RemovedItem>> = [];
  readonly authors: Array<Found<string>> = [];
  readonly media: Array<Found<MediaItem>> = [];

  remove(rule: string, text: string, position: number): void {
    this.removed.push({ position, seq: this.seq++, value: { rule, text, position } });
  }

  metadata(position: number, match: { authors?: string[]; media?: MediaItem[] }): void {
    for (const a of match.authors ?? []) this.authors.push({ position, seq: this.seq++, value: a });
    for (const m of match.media ?? []) this.media.push({ position, seq: this.seq++, value: m });
  }

  /** Authors in order of appearance (a per-position sort keeps discovery order stable). */
  authorList(): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    for (const a of sorted(this.authors)) {
      const key = comparable(a);
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      out.push(a);
    }
    return out;
  }

  mediaList(): MediaItem[] {
    const out: MediaItem[] = [];
    const seen = new Set<string>();
    for (const m of sorted(this.media)) {
      const key = JSON.stringify([m.src, m.caption, m.credit]);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(m);
    }
    return out;
  }

  removedList(): RemovedItem[] {
    return sorted(this.removed);
  }
}

function sorted<T>(items: Array<Found<T>>): T[] {
  return [...items].sort((a, b) => a.position - b.position || a.seq - b.seq).map((f) => f.value);
}

/** The text a removed block contributed (figures may carry only a caption, alt or src). */
function blockText(b: Block): string {
  return b.text || b.caption || b.alt || b.src || '';
}

export type EngineContext = ViewContext;

/** Filled by runRules when given: what the audit view needs to place removals (audit/). */
export interface CleanTrace {
  /** For each output block, the index of the input block it came from (ascending). */
  origins: number[];
}

/** Run `rules` over `input` until nothing changes; the input is not modified. */
export function runRules(
  input: readonly Block[],
  rules: readonly CleanRule[],
  context: EngineContext,
  trace?: CleanTrace,
): CleanResult {
  let working: Working[] = input.map((block, origin) => ({ block: { ...block }, origin, settled: [] }));
  const rec = new Recorder();
  const features = new BlockFeatures();
  // One view serves every rule until the blocks change: authors change only with a removal, and
  // a view is a pure function of the blocks, the context and the authors.
  let view: DocView | null = null;
  const currentView = (): DocView =>
    (view ??= new DocView(
      working.map((w) => w.block),
      context,
      rec.authorList(),
      features,
    ));
  const update = (next: Working[]): void => {
    if (next === working) return;
    working = next;
    view = null;
  };
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const before = rec.removed.length;
    for (const [r, rule] of rules.entries()) {
      if (rule.matchBlock) update(applyBlockRule(rule, 2 * r, currentView(), working, rec));
      if (rule.matchSpans) update(applySpanRule(rule, 2 * r + 1, currentView(), working, rec));
    }
    if (rec.removed.length === before) break;
  }
  if (trace) trace.origins = working.map((w) => w.origin);
  return {
    blocks: working.map((w) => w.block),
    removed: rec.removedList(),
    authors: rec.authorList(),
    media: rec.mediaList(),
  };
}

function applyBlockRule(rule: CleanRule, slot: number, view: DocView, working: Working[], rec: Recorder): Working[] {
  const claimed = new Set<number>();
  for (let i = 0; i < working.length; i++) {
    const w = working[i] as Working;
    if (w.settled[slot] || claimed.has(i)) continue;
    view.examine(i);
    const match: BlockMatch | null = rule.matchBlock?.(view, i) ?? null;
    if (!match) {
      if (view.readOnlySubject()) w.settled[slot] = true;
      continue;
    }
    const indices = (match.blocks ?? [i]).filter(
      (j) => Number.isInteger(j) && j >= 0 && j < working.length && !claimed.has(j),
    );
    if (indices.length === 0) continue;
    indices.sort((a, b) => a - b);
    for (const j of indices) {
      claimed.add(j);
      const w = working[j] as Working;
      rec.remove(rule.id, blockText(w.block), w.origin);
    }
    rec.metadata((working[indices[0] as number] as Working).origin, match);
  }
  return claimed.size === 0 ? working : working.filter((_, j) => !claimed.has(j));
}

function applySpanRule(rule: CleanRule, slot: number, view: DocView, working: Working[], rec: Recorder): Working[] {
  const out: Working[] = [];
  let changed = false;
  for (const [i, w] of working.entries()) {
    let found: SpanMatch[] = [];
    if (!w.settled[slot]) {
      view.examine(i);
      found = rule.matchSpans?.(view, i) ?? [];
      if (found.length === 0 && view.readOnlySubject()) w.settled[slot] = true;
    }
    const spans = mergeSpans(found, w.block.text.length);
    if (spans.length === 0) {
      out.push(w);
      continue;
    }
    changed = true;
    let text = w.block.text;
    const cut: string[] = [];
    for (const s of [...spans].reverse()) {
      cut.push(text.slice(s.start, s.end).trim());
      rec.remove(rule.id, cut[cut.length - 1] as string, w.origin);
      rec.metadata(w.origin, s);
      text = joinAround(text.slice(0, s.start), text.slice(s.end));
    }
    if (hasNoWords(text)) {
      if (text.trim() !== '') rec.remove(rule.id, text.trim(), w.origin);
      continue;
    }
    const block: Block = { ...w.block, text };
    if (w.block.links) block.links = keepLinks(w.block.links, text, cut);
    out.push({ block, origin: w.origin, settled: [] });
  }
  return changed ? out : working;
}

/** Links still present after a cut (a link whose text lost a cut span keeps the rest). */
function keepLinks(links: NonNullable<Block['links']>, text: string, cut: string[]): NonNullable<Block['links']> {
  const out: NonNullable<Block['links']> = [];
  for (const l of links) {
    let t = l.text;
    for (const c of cut) if (c && t.includes(c)) t = t.split(c).map((x) => x.trim()).filter(Boolean).join(' ');
    if (t && text.includes(t)) out.push(t === l.text ? l : { ...l, text: t });
  }
  return out;
}

/** Sort, clamp and merge overlapping spans; empty spans are dropped. */
function mergeSpans(spans: SpanMatch[], length: number): SpanMatch[] {
  const clean = spans
    .map((s) => ({ ...s, start: Math.max(0, s.start), end: Math.min(length, s.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const out: SpanMatch[] = [];
  for (const s of clean) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) {
      last.end = Math.max(last.end, s.end);
      last.authors = [...(last.authors ?? []), ...(s.authors ?? [])];
      last.media = [...(last.media ?? []), ...(s.media ?? [])];
    } else out.push({ ...s });
  }
  return out;
}
