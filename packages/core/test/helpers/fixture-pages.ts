/** Every whole page the core tests hold: the example pages and the blocks/extract/charset fixtures. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../../..');
const fixturesDir = path.resolve(here, '../fixtures');

export interface FixturePage {
  name: string;
  raw: Buffer;
  url: string;
}

export function fixturePages(): FixturePage[] {
  const list: FixturePage[] = [];
  const examples = JSON.parse(readFileSync(path.join(fixturesDir, 'examples/expected.json'), 'utf8')) as Record<string, { url: string }>;
  for (const [file, { url }] of Object.entries(examples)) {
    list.push({ name: `examples/${file}`, raw: readFileSync(path.join(repoRoot, 'examples', file)), url });
  }
  for (const dir of ['blocks', 'extract', 'charset']) {
    for (const file of readdirSync(path.join(fixturesDir, dir)).filter((f) => f.endsWith('.html'))) {
      list.push({ name: `fixtures/${dir}/${file}`, raw: readFileSync(path.join(fixturesDir, dir, file)), url: `https://news.example/${dir}/${file}` });
    }
  }
  return list;
}
