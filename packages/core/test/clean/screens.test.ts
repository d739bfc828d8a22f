/**
 * The cheap screens in front of expensive patterns must be necessary conditions: whenever the
 * pattern matches, its screen passes (else a screen would silently change what is cleaned).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_RULES } from '../../src/clean/index.ts';
import { TRAILING_CREDIT, TRAILING_CREDIT_NEEDS } from '../../src/clean/text/credits.ts';

const SEEDS = new URL('./fixtures/seeds/', import.meta.url);

/** Every example text of every rule, every line of the seed fixtures, and credit shapes. */
function corpus(): string[] {
  const out = BUILT_IN_RULES.flatMap((r) => [...r.examples.removes, ...r.examples.keeps]).flatMap((t) => [t, ...t.split(/\n+/u)]);
  for (const f of readdirSync(SEEDS)) out.push(...readFileSync(new URL(f, SEEDS), 'utf8').split(/\n+/u));
  out.push(
    'Detainees at the centre. (AP Photo/Alan Diaz, File)', 'A man walks. Photo by Joe Raedle/Getty Images',
    'Crowds gather. REUTERS/Kevin Lamarque', 'The launch. Credit: NASA', 'A view (Image credit: ESA)',
    'The street (John Smith / Agency)', 'Fans cheer, photos (c) Jane Doe', 'The pier.Getty Images',
    'Ukraine. Getty Images | Anastasia Vlasova', 'The scene. Foto: dpa', 'Le port. Crédit photo : AFP',
  );
  return out.map((t) => t.trim()).filter(Boolean);
}

describe('pattern screens', () => {
  it('pass whenever a trailing-credit pattern matches', () => {
    expect(TRAILING_CREDIT_NEEDS).toHaveLength(TRAILING_CREDIT.length);
    let matched = 0;
    for (const t of corpus()) {
      const tail = t.slice(-240);
      for (const [k, re] of TRAILING_CREDIT.entries()) {
        if (!re.test(tail)) continue;
        matched++;
        expect(TRAILING_CREDIT_NEEDS[k]?.(tail), `pattern ${k} on ${t}`).toBe(true);
      }
    }
    expect(matched).toBeGreaterThan(10);
  });
});
