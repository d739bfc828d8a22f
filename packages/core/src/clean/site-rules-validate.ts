/**
 * Hand-written shape check for site-rule configuration (the CLI reads the JSON file; core only
 * checks the data). Every problem is reported with its path, e.g. `[2].blocks[0].text: invalid
 * regular expression …`, so an operator can fix the file.
 */
import { PermanentError } from '../errors.ts';
import type { BlockKind } from '../types.ts';
import type { SiteBlockSelector, SiteRuleAction, SiteRuleConfig, SiteSpanPattern } from './site-rules.ts';

export class InvalidSiteRulesError extends PermanentError<'invalid-site-rules'> {
  readonly problems: string[];
  constructor(problems: string[]) {
    super('invalid-site-rules', `invalid site rules: ${problems.join('; ')}`);
    this.problems = problems;
  }
}

const KINDS: readonly BlockKind[] = ['heading', 'paragraph', 'list-item', 'quote', 'preformatted', 'figure', 'caption', 'table-row', 'other'];
const ACTIONS: readonly SiteRuleAction[] = ['remove', 'remove-rest', 'byline', 'caption'];
const ID = /^[a-z0-9][a-z0-9-]{0,63}$/u;
const HOST = /^(?:\*\.)?[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*$/iu;
const MAX_PATTERN = 500;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function unknownKeys(o: Obj, allowed: readonly string[], path: string, out: string[]): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) out.push(`${path}.${k}: unknown key`);
}

function checkRegex(src: unknown, flags: unknown, path: string, out: string[]): void {
  if (typeof src !== 'string' || src === '') return void out.push(`${path}: must be a non-empty string`);
  if (src.length > MAX_PATTERN) return void out.push(`${path}: longer than ${MAX_PATTERN} characters`);
  if (flags !== undefined && (typeof flags !== 'string' || !/^[imsu]*$/u.test(flags))) {
    return void out.push(`${path}: flags may only contain i, m, s, u`);
  }
  try {
    new RegExp(src, (flags as string | undefined) ?? 'u');
  } catch (e) {
    out.push(`${path}: invalid regular expression (${(e as Error).message})`);
  }
}

function checkCount(v: unknown, path: string, out: string[]): void {
  if (v !== undefined && (!Number.isInteger(v) || (v as number) < 1)) out.push(`${path}: must be a positive integer`);
}

function checkSelector(s: unknown, path: string, out: string[]): void {
  if (!isObj(s)) return void out.push(`${path}: must be an object`);
  unknownKeys(s, ['text', 'href', 'flags', 'kind', 'maxChars', 'head', 'foot', 'action'], path, out);
  if (s.text === undefined && s.href === undefined && s.kind === undefined) {
    out.push(`${path}: needs at least one of text, href, kind`);
  }
  if (s.text !== undefined) checkRegex(s.text, s.flags, `${path}.text`, out);
  if (s.href !== undefined) checkRegex(s.href, s.flags, `${path}.href`, out);
  if (s.kind !== undefined && (!Array.isArray(s.kind) || s.kind.length === 0 || !s.kind.every((k) => KINDS.includes(k as BlockKind)))) {
    out.push(`${path}.kind: must be a non-empty array of ${KINDS.join(', ')}`);
  }
  checkCount(s.maxChars, `${path}.maxChars`, out);
  checkCount(s.head, `${path}.head`, out);
  checkCount(s.foot, `${path}.foot`, out);
  if (s.action !== undefined && !ACTIONS.includes(s.action as SiteRuleAction)) {
    out.push(`${path}.action: must be one of ${ACTIONS.join(', ')}`);
  }
}

function checkRule(r: unknown, path: string, ids: Set<string>, out: string[]): void {
  if (!isObj(r)) return void out.push(`${path}: must be an object`);
  unknownKeys(r, ['id', 'hosts', 'description', 'blocks', 'spans'], path, out);
  if (typeof r.id !== 'string' || !ID.test(r.id)) out.push(`${path}.id: must be kebab-case (a-z, 0-9, -)`);
  else if (ids.has(r.id)) out.push(`${path}.id: duplicate id "${r.id}"`);
  else ids.add(r.id);
  if (!Array.isArray(r.hosts) || r.hosts.length === 0 || !r.hosts.every((h) => typeof h === 'string' && HOST.test(h))) {
    out.push(`${path}.hosts: must be a non-empty array of host names`);
  }
  if (r.description !== undefined && typeof r.description !== 'string') out.push(`${path}.description: must be a string`);
  const blocks = r.blocks;
  const spans = r.spans;
  if (blocks !== undefined && !Array.isArray(blocks)) out.push(`${path}.blocks: must be an array`);
  if (spans !== undefined && !Array.isArray(spans)) out.push(`${path}.spans: must be an array`);
  const nb = Array.isArray(blocks) ? blocks.length : 0;
  const ns = Array.isArray(spans) ? spans.length : 0;
  if (nb + ns === 0) out.push(`${path}: needs at least one entry in blocks or spans`);
  if (Array.isArray(blocks)) blocks.forEach((s, k) => checkSelector(s, `${path}.blocks[${k}]`, out));
  if (Array.isArray(spans)) {
    spans.forEach((s, k) => {
      const p = `${path}.spans[${k}]`;
      if (!isObj(s)) return void out.push(`${p}: must be an object`);
      unknownKeys(s, ['pattern', 'flags'], p, out);
      checkRegex(s.pattern, s.flags, `${p}.pattern`, out);
    });
  }
}

/** Check configuration data (e.g. parsed JSON); returns it typed or throws InvalidSiteRulesError. */
export function parseSiteRules(data: unknown): SiteRuleConfig[] {
  const problems: string[] = [];
  const list = isObj(data) && Array.isArray(data.rules) ? data.rules : data;
  if (!Array.isArray(list)) throw new InvalidSiteRulesError(['expected an array of rules (or {"rules": [...]})']);
  const ids = new Set<string>();
  list.forEach((r, k) => checkRule(r, `[${k}]`, ids, problems));
  if (problems.length > 0) throw new InvalidSiteRulesError(problems);
  return list.map((r) => {
    const o = r as Obj;
    const rule: SiteRuleConfig = { id: o.id as string, hosts: [...(o.hosts as string[])] };
    if (o.description !== undefined) rule.description = o.description as string;
    if (o.blocks !== undefined) rule.blocks = (o.blocks as SiteBlockSelector[]).map((s) => ({ ...s }));
    if (o.spans !== undefined) rule.spans = (o.spans as SiteSpanPattern[]).map((s) => ({ ...s }));
    return rule;
  });
}
