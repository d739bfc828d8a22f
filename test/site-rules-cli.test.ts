/**
 * Operator site rules (VELLUM_SITE_RULES) through the real command: they remove what they say,
 * only on their hosts, are recorded as `site:<id>`, change the recorded clean version, and a
 * malformed file stops the command with a message saying what is wrong.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVellum } from './support/run-vellum.ts';

const PAGE = `<!doctype html><html><head><title>Council votes on budget</title></head><body><article><h1>Council votes on budget</h1>
<p>The city council approved the budget on Monday after a long debate over road repairs and the cost of the new library, which had doubled.</p>
<p>Reader poll: should the library have been built at all? Tell us in the comments below.</p>
<p>Members who voted against it said the city should have waited until interest rates fell, and that the library could have been smaller.</p>
<p>The mayor said the vote settled the matter and that work on the roads would begin in the spring, once the weather allows it.</p></article></body></html>`;

describe('site rules from VELLUM_SITE_RULES', () => {
  let dir: string;
  let page: string;
  let rules: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vellum-site-rules-'));
    page = path.join(dir, 'page.html');
    rules = path.join(dir, 'rules.json');
    await fs.writeFile(page, PAGE);
    await fs.writeFile(rules, JSON.stringify({ rules: [{ id: 'polls', hosts: ['news.example'], blocks: [{ text: '^Reader poll:' }] }] }));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  const extract = async (url: string, env: Record<string, string> = {}) => {
    const run = await runVellum(['extract', page, '--url', url, '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as { text: string; removed: Array<{ rule: string; text: string }>; versions: Record<string, string> };
  };

  it('applies a rule on its host only, records it, and changes the clean version there', async () => {
    const plain = await extract('https://news.example/budget');
    const ruled = await extract('https://news.example/budget', { VELLUM_SITE_RULES: rules });
    const otherHost = await extract('https://elsewhere.example/budget', { VELLUM_SITE_RULES: rules });

    expect(plain.text).toContain('Reader poll:');
    expect(ruled.text).not.toContain('Reader poll:');
    expect(ruled.text).toContain('Members who voted against it');
    expect(ruled.removed).toContainEqual(expect.objectContaining({ rule: 'site:polls', text: expect.stringMatching(/^Reader poll:/) }));
    expect(ruled.versions.clean).not.toBe(plain.versions.clean);
    expect(ruled.versions.pipeline).not.toBe(plain.versions.pipeline);
    expect(otherHost.text).toContain('Reader poll:');
    expect(otherHost.versions.clean).toBe(plain.versions.clean);
  });

  it('refuses a malformed rules file with a message naming the problem', async () => {
    const bad = path.join(dir, 'bad.json');
    await fs.writeFile(bad, JSON.stringify({ rules: [{ id: 'x', blocks: [{ text: '(' }] }] }));
    const run = await runVellum(['extract', page, '--url', 'https://news.example/a', '--json'], { VELLUM_SITE_RULES: bad });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/VELLUM_SITE_RULES file .*bad\.json/);
    expect(run.stderr).toMatch(/\[0\]/);
  });
});
