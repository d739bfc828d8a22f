/**
 * Host-specific rules that operators add through configuration (the CLI loads them from a JSON
 * file; core only receives data). Blocks are plain data, so a "selector" is a set of patterns
 * and limits on a block's text, kind, links and position. Each configured rule becomes a
 * `CleanRule` with id `site:<id>`, applied before the built-in rules for matching hosts only.
 */
import type { Block, BlockKind } from '../types.ts';
import type { DocView } from './doc-view.ts';
import type { BlockMatch, CleanRule, SpanMatch } from './rule.ts';
import { parseByline } from './text/bylines.ts';
import { parseNamesWithRoles } from './text/names.ts';
import { figureMedia } from './rules/figure-media.ts';

/** What to do with a block a site selector matches. */
export type SiteRuleAction =
  /** Drop the block (default). */
  | 'remove'
  /** Drop the block and every block after it (end-of-article sections). */
  | 'remove-rest'
  /** Drop the block and record the names in it as authors. */
  | 'byline'
  /** Drop the block and record it as a media caption (credit split off when recognisable). */
  | 'caption';

export interface SiteBlockSelector {
  /** Regular-expression source tested against the block's trimmed text. */
  text?: string;
  /** Regular-expression source tested against each link href of the block. */
  href?: string;
  /** Flags for `text` and `href`: any of "i", "m", "s", "u" (default "u"). */
  flags?: string;
  /** Block kinds considered (default: all). */
  kind?: BlockKind[];
  /** Only blocks of at most this many characters. */
  maxChars?: number;
  /** Only among the first `head` blocks. */
  head?: number;
  /** Only among the last `foot` blocks. */
  foot?: number;
  /** Default 'remove'. */
  action?: SiteRuleAction;
}

export interface SiteSpanPattern {
  /** Regular-expression source; every match is cut out of the paragraph. */
  pattern: string;
  /** Any of "i", "m", "s", "u" (default "u"). */
  flags?: string;
}

export interface SiteRuleConfig {
  /** Kebab-case id; removals are recorded under `site:<id>`. */
  id: string;
  /** Hosts the rule applies to; "example.com" also covers its subdomains. */
  hosts: string[];
  description?: string;
  blocks?: SiteBlockSelector[];
  spans?: SiteSpanPattern[];
}

/** Does `host` fall under one of `hosts`? */
export function hostMatches(host: string | null, hosts: readonly string[]): boolean {
  if (!host) return false;
  const h = host.toLowerCase().replace(/\.$/u, '');
  return hosts.some((x) => {
    const want = x.toLowerCase().replace(/^\*\./u, '').replace(/\.$/u, '');
    return h === want || h.endsWith(`.${want}`);
  });
}

/** Lower-case host of a URL, or null when it does not parse. */
export function hostOf(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase() || null;
  } catch {
    return null;
  }
}

interface CompiledSelector {
  sel: SiteBlockSelector;
  text: RegExp | null;
  href: RegExp | null;
}

function selects(c: CompiledSelector, doc: DocView, i: number, b: Block): boolean {
  const { sel } = c;
  if (sel.kind && !sel.kind.includes(b.kind)) return false;
  if (sel.maxChars !== undefined && b.text.length > sel.maxChars) return false;
  if (sel.head !== undefined && !doc.inFirst(i, sel.head)) return false;
  if (sel.foot !== undefined && i < doc.length - sel.foot) return false;
  if (c.text && !c.text.test(b.text.trim())) return false;
  if (c.href && !(b.links ?? []).some((l) => c.href?.test(l.href))) return false;
  return true;
}

function act(action: SiteRuleAction, doc: DocView, i: number, b: Block): BlockMatch {
  const t = b.text.trim();
  switch (action) {
    case 'remove-rest':
      return { blocks: Array.from({ length: doc.length - i }, (_, k) => i + k) };
    case 'byline': {
      // A site label before the names ("Words: Jane Doe", "Autor: …") is dropped first.
      const names = t.replace(/^[^:]{1,24}:\s*/u, '');
      return { authors: parseByline(t) ?? parseByline(`By ${names}`) ?? parseNamesWithRoles(names)?.names ?? [] };
    }
    case 'caption':
      return { media: [figureMedia(b.src, b.caption || t)] };
    default:
      return {};
  }
}

/** Turn one validated configuration entry into a rule. */
export function compileSiteRule(config: SiteRuleConfig): CleanRule {
  const flags = (f: string | undefined): string => f ?? 'u';
  const selectors: CompiledSelector[] = (config.blocks ?? []).map((sel) => ({
    sel,
    text: sel.text !== undefined ? new RegExp(sel.text, flags(sel.flags)) : null,
    href: sel.href !== undefined ? new RegExp(sel.href, flags(sel.flags)) : null,
  }));
  const spans = (config.spans ?? []).map((s) => new RegExp(s.pattern, `${flags(s.flags)}g`));
  const patterns = [
    ...selectors.flatMap((c) => [c.text, c.href].filter((r): r is RegExp => r !== null)),
    ...spans,
  ];
  const rule: CleanRule = {
    id: `site:${config.id}`,
    description: config.description ?? `Site rule for ${config.hosts.join(', ')}`,
    why: 'Configured by an operator for these hosts.',
    examples: { removes: [], keeps: [] },
    patterns,
    params: {
      hosts: [...config.hosts].sort().join(','),
      selectors: JSON.stringify((config.blocks ?? []).map((s) => ({ ...s, action: s.action ?? 'remove' }))),
    },
  };
  if (selectors.length > 0) {
    rule.matchBlock = (doc, i) => {
      const b = doc.block(i);
      if (!b) return null;
      const hit = selectors.find((c) => selects(c, doc, i, b));
      return hit ? act(hit.sel.action ?? 'remove', doc, i, b) : null;
    };
  }
  if (spans.length > 0) {
    rule.matchSpans = (doc, i) => {
      const text = doc.text(i);
      const out: SpanMatch[] = [];
      for (const re of spans) {
        for (const m of text.matchAll(re)) if (m[0].length > 0) out.push({ start: m.index, end: m.index + m[0].length });
      }
      return out;
    };
  }
  return rule;
}
