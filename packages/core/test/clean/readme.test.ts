/** The clean README documents every built-in rule, so the list cannot drift from the code. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { BUILT_IN_RULES, cleanVersion, parseSiteRules } from '../../src/clean/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const readme = fs.readFileSync(path.join(here, '../../src/clean/README.md'), 'utf8');

it('lists every built-in rule id in engine order', () => {
  const listed = [...readme.matchAll(/^\| `([a-z-]+)` \|/gmu)].map((m) => m[1]);
  expect(listed).toEqual(BUILT_IN_RULES.map((r) => r.id));
});

it('shows a site-rule file that validates and changes the version for its host', () => {
  const json = /```json\n([\s\S]*?)```/u.exec(readme)?.[1];
  expect(json).toBeDefined();
  const rules = parseSiteRules(JSON.parse(json as string));
  expect(rules.map((r) => r.id)).toEqual(['example-promos']);
  expect(cleanVersion({ url: 'https://example.com/a', siteRules: rules })).not.toBe(cleanVersion());
});
