/**
 * Each default is written once: `FetcherOptions` documents it with `@defaultValue` (the bullmq
 * habit) and `resolveOptions` reads FETCHER_DEFAULTS. This holds the two equal, so neither the
 * documentation nor the code can change alone.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FETCHER_DEFAULTS } from '@vellum/fetcher/defaults';
import { resolveOptions } from '../src/options.ts';

/** `@defaultValue` of every property of an interface, as written. */
function documentedDefaults(source: string, interfaceName: string): Map<string, string> {
  const start = source.indexOf(`export interface ${interfaceName} {`);
  if (start < 0) throw new Error(`no interface ${interfaceName}`);
  const body = source.slice(start, source.indexOf('\n}', start));
  const found = new Map<string, string>();
  for (const m of body.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*(\w+)\??:/g)) {
    const tag = /@defaultValue\s+([^\n]+)/.exec(m[1]!);
    if (tag) found.set(m[2]!, tag[1]!.trim());
  }
  return found;
}

/** A documented literal's value: numbers (with `_` and `*`), quoted strings, booleans, `[]`. */
function literalValue(text: string): unknown {
  if (/^[\d_ *]+$/.test(text)) return text.split('*').reduce((n, f) => n * Number(f.trim().replaceAll('_', '')), 1);
  if (/^'[^']*'$/.test(text)) return text.slice(1, -1);
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === '[]') return [];
  return undefined; // prose (`dns.lookup`, "none"): documented, computed in code
}

describe('FetcherOptions defaults', () => {
  const source = readFileSync(new URL('../src/options.ts', import.meta.url), 'utf8');
  const documented = documentedDefaults(source, 'FetcherOptions');

  it('documents a default for every option', () => {
    const options = [...source.slice(source.indexOf('export interface FetcherOptions {')).split('\n}')[0]!.matchAll(/^ {2}(\w+)\?:/gm)].map((m) => m[1]);
    expect(options.length).toBeGreaterThan(20);
    expect(options.filter((o) => !documented.has(o!))).toEqual([]);
  });

  it('documents the values the resolver uses', () => {
    const resolved = resolveOptions({}) as unknown as Record<string, unknown>;
    let compared = 0;
    for (const [key, text] of documented) {
      const value = literalValue(text);
      if (value === undefined) continue;
      compared++;
      expect([key, value]).toEqual([key, key in FETCHER_DEFAULTS ? FETCHER_DEFAULTS[key as keyof typeof FETCHER_DEFAULTS] : resolved[key]]);
      if (key in resolved) expect([key, resolved[key]]).toEqual([key, value]);
    }
    expect(compared).toBeGreaterThanOrEqual(Object.keys(FETCHER_DEFAULTS).length);
  });

  it('catches a drifted document (the check is not a no-op)', () => {
    const drifted = source.replace('@defaultValue 10_000\n', '@defaultValue 9_000\n');
    expect(drifted).not.toBe(source);
    expect(literalValue(documentedDefaults(drifted, 'FetcherOptions').get('connectTimeoutMs')!)).toBe(9000);
  });
});
