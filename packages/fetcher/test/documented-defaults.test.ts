/**
 * Each default is written once: `FetcherOptions` documents it with `@defaultValue` (the bullmq
 * habit) and `resolveOptions` reads FETCHER_DEFAULTS. This holds the two equal, so neither the
 * documentation nor the code can change alone. (test/documented-defaults.test.ts checks the
 * other packages' options the same way, with the same helper.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FETCHER_DEFAULTS } from '@vellum/fetcher/defaults';
import { resolveOptions } from '../src/options.ts';
import { documentedDefaults, literalValue, optionalProperties } from '../../../test/support/documented-defaults.ts';

describe('FetcherOptions defaults', () => {
  const source = readFileSync(new URL('../src/options.ts', import.meta.url), 'utf8');
  const documented = documentedDefaults(source, 'FetcherOptions');

  it('documents a default for every option', () => {
    const options = optionalProperties(source, 'FetcherOptions');
    expect(options.length).toBeGreaterThan(20);
    expect(options.filter((o) => !documented.has(o))).toEqual([]);
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
