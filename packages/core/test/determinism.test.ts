import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { processPage } from '../src/index.ts';
import type { PipelineResult } from '../src/index.ts';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const script = fileURLToPath(new URL('helpers/process-example.ts', import.meta.url));
const example = fileURLToPath(new URL('../../../examples/russia-forces-ukrainians-to-fight-their-own-countrymen.html', import.meta.url));
const url = 'https://www.latintimes.example/russia-forces-ukrainians-fight-their-own-countrymen-mobilization-backfires-528734';

/** A fresh Node process with its own time zone and locale, so nothing environmental leaks in. */
async function processInChild(env: Record<string, string>): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, example, url], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

describe('determinism', () => {
  it('two fresh processes give byte-identical text and contentHash (and whole result)', async () => {
    const [a, b] = await Promise.all([
      processInChild({ TZ: 'UTC', LANG: 'C' }),
      processInChild({ TZ: 'Pacific/Kiritimati', LANG: 'ja_JP.UTF-8' }),
    ]);
    const first = JSON.parse(a) as PipelineResult;
    const second = JSON.parse(b) as PipelineResult;
    expect(Buffer.from(second.text, 'utf8').equals(Buffer.from(first.text, 'utf8'))).toBe(true);
    expect(second.contentHash).toBe(first.contentHash);
    expect(b).toBe(a);
    expect(first.text.length).toBeGreaterThan(1000);
  });

  it('the child processes agree with this process', async () => {
    const child = JSON.parse(await processInChild({ TZ: 'America/St_Johns' })) as PipelineResult;
    const here = processPage(readFileSync(example), { url });
    expect(child.text).toBe(here.text);
    expect(child.contentHash).toBe(here.contentHash);
    expect(child.versions).toEqual(here.versions);
  });
});
