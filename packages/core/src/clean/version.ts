/**
 * The rule-set version: a semver for deliberate changes plus a short hash over what is in force
 * (rule ids, pattern sources and flags, thresholds, and the site rules for the article's host).
 * A pattern edited without a semver bump still changes the recorded version.
 */
import { createHash } from 'node:crypto';
import type { CleanRule } from './rule.ts';

/** Semver of the cleaning logic; bump on behaviour changes the hash cannot see (code paths). */
export const CLEAN_SEMVER = '1.0.0';

export function ruleSetHash(rules: readonly CleanRule[]): string {
  const material = rules.map((r) => ({
    id: r.id,
    patterns: r.patterns.map((p) => `/${p.source}/${p.flags}`),
    params: Object.keys(r.params ?? {})
      .sort()
      .map((k) => [k, r.params?.[k]]),
  }));
  return createHash('sha256').update(JSON.stringify(material)).digest('hex').slice(0, 12);
}

export function ruleSetVersion(rules: readonly CleanRule[]): string {
  return `${CLEAN_SEMVER}+${ruleSetHash(rules)}`;
}
