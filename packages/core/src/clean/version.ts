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

/** A serial number per rule object, so that a rule set is named without joining its materials. */
const serials = new WeakMap<CleanRule, number>();
let nextSerial = 0;

function serialOf(r: CleanRule): number {
  let n = serials.get(r);
  if (n === undefined) serials.set(r, (n = nextSerial++));
  return n;
}

/**
 * Hashes by the rule objects in force: every page asks for the version, and the rule set rarely
 * differs. A rule object's material never changes, so the same objects in the same order have
 * the same hash.
 */
const hashes = new Map<string, string>();
const MAX_CACHED_HASHES = 64;

export function ruleSetHash(rules: readonly CleanRule[]): string {
  const key = rules.map(serialOf).join(',');
  let hash = hashes.get(key);
  if (hash === undefined) {
    // Same text as JSON.stringify of the array of materials.
    const material = `[${rules.map(ruleMaterial).join(',')}]`;
    hash = createHash('sha256').update(material).digest('hex').slice(0, 12);
    if (hashes.size >= MAX_CACHED_HASHES) hashes.clear();
    hashes.set(key, hash);
  }
  return hash;
}

export function ruleSetVersion(rules: readonly CleanRule[]): string {
  return `${CLEAN_SEMVER}+${ruleSetHash(rules)}`;
}
