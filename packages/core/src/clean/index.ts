/**
 * The clean stage: removes noise that extraction keeps inside the article container (bylines,
 * captions, newsletter prompts, product ads, share rows, tag lists, footers …), moving bylines to
 * `authors` and captions/credits to `media`, and recording every removal as {rule, text,
 * position}. Rules live in ./rules (one module each); ./engine.ts applies them in order.
 */
import type { Block, CleanResult } from '../types.ts';
import { runRules, type CleanTrace } from './engine.ts';
import { authorsOfDeclaredByline } from './text/bylines.ts';
import type { CleanRule } from './rule.ts';
import { BUILT_IN_RULES } from './rules/index.ts';
import { compileSiteRule, hostMatches, hostOf, type SiteRuleConfig } from './site-rules.ts';
import { InvalidSiteRulesError } from './site-rules-validate.ts';
import { CLEAN_SEMVER, ruleSetVersion } from './version.ts';

export type { BlockMatch, CleanRule, RuleExamples, SpanMatch } from './rule.ts';
export type { CleanTrace } from './engine.ts';
export type { SiteBlockSelector, SiteRuleAction, SiteRuleConfig, SiteSpanPattern } from './site-rules.ts';
export { InvalidSiteRulesError, parseSiteRules } from './site-rules-validate.ts';
export { BUILT_IN_RULES } from './rules/index.ts';

/** Semver of the cleaning logic; `cleanVersion()` adds the hash of the rules in force. */
export const CLEAN_VERSION = CLEAN_SEMVER;

export interface CleanOptions {
  /** The page URL: site rules apply by its host, and a bare copy of it at the head is dropped. Default: none. */
  url?: string;
  /** The page title from metadata: a head block repeating it is dropped (rule `title-repeat`). Default: none. */
  title?: string | null;
  /** The byline the page declares in metadata: head/foot blocks repeating it become authors. Default: none. */
  byline?: string | null;
  /** Operator rules (validate with `parseSiteRules`); only those whose hosts match `url` apply. Default: none. */
  siteRules?: readonly SiteRuleConfig[];
  /** Ids of built-in rules to switch off. Default: none. */
  disableRules?: readonly string[];
}

const compiled = new WeakMap<SiteRuleConfig, CleanRule>();

function compileOnce(config: SiteRuleConfig): CleanRule {
  let rule = compiled.get(config);
  if (!rule) {
    try {
      rule = compileSiteRule(config);
    } catch (e) {
      throw new InvalidSiteRulesError([`${config.id}: ${(e as Error).message}`]);
    }
    compiled.set(config, rule);
  }
  return rule;
}

/** The rules that apply for these options, in order: matching site rules, then built-ins. */
export function rulesInForce(options: CleanOptions = {}): CleanRule[] {
  const host = hostOf(options.url);
  const site = (options.siteRules ?? []).filter((r) => hostMatches(host, r.hosts)).map(compileOnce);
  const off = new Set(options.disableRules ?? []);
  return [...site, ...BUILT_IN_RULES.filter((r) => !off.has(r.id))];
}

/** `trace`, when given, receives each kept block's input index (the audit view places removals with it). */
export function clean(blocks: Block[], options: CleanOptions = {}, trace?: CleanTrace): CleanResult {
  return runRules(blocks, rulesInForce(options), {
    url: options.url ?? null,
    host: hostOf(options.url),
    title: options.title ?? null,
    byline: options.byline ?? null,
    declaredAuthors: options.byline ? authorsOfDeclaredByline(options.byline) : [],
  }, trace);
}

/** `<semver>+<hash>`: the hash covers the rules in force for these options (host-specific). */
export function cleanVersion(options: CleanOptions = {}): string {
  return ruleSetVersion(rulesInForce(options));
}
