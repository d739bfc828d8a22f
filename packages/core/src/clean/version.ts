/**
 * The rule-set version: a semver for deliberate changes plus a short hash over what is in force
 * (rule ids, pattern sources and flags, thresholds, and the site rules for the article's host).
 * A pattern edited without a semver bump still changes the recorded version.
 */
import { createHash } from 'node:crypto';
import type { CleanRule } from './rule.ts';

/** Semver of the cleaning logic; bump on behaviour changes the hash cannot see (code paths). */
export const CLEAN_SEMVER = '1.0.0';

/** Materials by rule object (rules are built once and not modified afterwards). */
const materials = new WeakMap<CleanRule, string>();

/** One rule's hashed material, as JSON. */
function ruleMaterial(r: CleanRule): string {
  let m = materials.get(r);
  if (m === undefined) materials.set(r, (m = materialOf(r)));
  return m;
}

function materialOf(r: CleanRule): string {
  return JSON.stringify({
    id: r.id,
    patterns: r.patterns.map((p) => `/${p.source}/${p.flags}`),
    params: Object.keys(r.params ?? {})
      .sort()
      .map((k) => [k, r.params?.[k]]),
  });
}

/** Hashes by material: every page asks for the version, and the rule set rarely differs. */
const hashes = new Map<string, string>();
const MAX_CACHED_HASHES = 64;

export function ruleSetHash(rules: readonly CleanRule[]): string {
  // Same text as JSON.stringify of the array of materials.
  const material = `[${rules.map(ruleMaterial).join(',')}]`;
  let hash = hashes.get(material);
  if (hash === undefined) {
    hash = createHash('sha256').update(material).digest('hex').slice(0, 12);
    if (hashes.size >= MAX_CACHED_HASHES) hashes.clear();
    hashes.set(material, hash);
  }
  return hash;
}

export function ruleSetVersion(rules: readonly CleanRule[]): string {
  return `${CLEAN_SEMVER}+${ruleSetHash(rules)}`;
}
