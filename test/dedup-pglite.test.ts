/**
 * The key dedup and reproducibility paths on the embedded default (PGlite under VELLUM_HOME,
 * no DATABASE_URL): one work on two sites, a near-duplicate, a new version, reprocess after a
 * rule change, verify before and after tampering, and the manifest. Real CLI.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, listArticleVersions, MerkleTree, type Database } from '@vellum/db';
import { appendUpdate, correctSentence, EXAMPLE_FILES, seedArticle, templateA, templateB } from './dedup-pages.ts';
import { runVellum } from './support/run-vellum.ts';

// Each CLI run boots the embedded database: give the steps room on a busy machine.
describe('dedup and reproducibility on PGlite', { timeout: 240_000 }, () => {
  const seed = seedArticle(EXAMPLE_FILES[1]!);
  let home: string;
  let env: Record<string, string | undefined>;
  const ids: Record<string, number> = {};

  /** Opens the embedded archive in this process (the CLI must not be running). */
  const withDb = async <T>(fn: (db: Database) => Promise<T>): Promise<T> => {
    const db = await openDatabase({ dataDir: path.join(home, 'db'), schema: 'vellum' });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };

  const ingest = async (name: string, html: string, url: string): Promise<{ status: string; articleId: number; contentHash: string }> => {
    const file = path.join(home, `${name}.html`);
    await fs.writeFile(file, html);
    const run = await runVellum(['ingest', file, '--url', url, '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const outcome = JSON.parse(run.stdout).outcomes[0];
    ids[name] = outcome.articleId;
    return outcome;
  };

  beforeAll(async () => {
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'vellum-pglite-dedup-'));
    env = { VELLUM_HOME: home, DATABASE_URL: undefined, REDIS_URL: undefined, VELLUM_SITE_RULES: undefined };
  });

  afterAll(async () => {
    await fs.rm(home, { recursive: true, force: true });
  });

  it('keeps one work for one text on two sites, and links a corrected copy', async () => {
    const a = await ingest('ledger', templateA(seed, 'https://ledger.example/story'), 'https://ledger.example/story?utm_source=x');
    const b = await ingest('harbour', templateB(seed, 'https://harbour.example/story'), 'https://harbour.example/story');
    expect(a.contentHash).toBe(b.contentHash);
    await ingest('mirror', templateA(correctSentence(seed), 'https://mirror.example/story'), 'https://mirror.example/story');

    const run = await runVellum(['similar', String(ids.ledger), '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.article.canonicalUrl).toBe('https://ledger.example/story');
    expect(report.exact.map((c: { articleId: number }) => c.articleId)).toEqual([ids.harbour]);
    expect(report.near.map((n: { articleId: number }) => n.articleId)).toEqual([ids.mirror]);
  });

  it('makes a new version when the text at a URL changes', async () => {
    await ingest('ledger-v2', templateA(appendUpdate(seed), 'https://ledger.example/story'), 'https://ledger.example/story');
    const versions = await withDb((db) => listArticleVersions(db, 'https://ledger.example/story'));
    expect(versions.map((v) => [v.version, v.articleId, v.previousArticleId, v.isLatest])).toEqual([
      [1, ids.ledger, null, false],
      [2, ids['ledger-v2'], ids.ledger, true],
    ]);
  });

  it('reprocesses after a rule change beside the old rows, and verifies', async () => {
    const rules = path.join(home, 'rules.json');
    await fs.writeFile(rules, JSON.stringify([{ id: 'drop-update', hosts: ['ledger.example'], blocks: [{ text: '^Update:', action: 'remove' }] }]));
    const before = await withDb(async (db) => (await db.query('SELECT id, text, content_hash FROM articles ORDER BY id')).rows);

    const run = await runVellum(['reprocess', '--all', '--json'], { ...env, VELLUM_SITE_RULES: rules });
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    // Only the two ledger.example captures fall under the rule: their version changes.
    expect(summary).toMatchObject({ mode: 'inline', selected: 4, alreadyCurrent: 2, stored: 2, failed: 0 });

    await withDb(async (db) => {
      const after = (await db.query<{ id: number; text: string; content_hash: string }>('SELECT id, text, content_hash FROM articles ORDER BY id')).rows;
      expect(after.slice(0, before.length)).toEqual(before);
      expect(after).toHaveLength(before.length + 2);
      // The new result of version 2 lost its update paragraph, so it is the seed text again.
      expect(after.at(-1)!.text).not.toMatch(/^Update:/m);
      expect(after.at(-1)!.content_hash).toBe(before[0]!.content_hash);
    });

    const verify = await runVellum(['verify', '--json'], { ...env, VELLUM_SITE_RULES: rules });
    expect(verify.code, verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ articles: 6, current: 4, checked: 4, passed: 4 });
  });

  it('fails verify after tampering, and the manifest root moves with the change', async () => {
    const file = path.join(home, 'manifest.jsonl');
    const first = await runVellum(['manifest', '-o', file, '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    const root = JSON.parse(first.stdout).root as string;
    const tree = new MerkleTree();
    for (const line of (await fs.readFile(file, 'utf8')).split('\n').filter(Boolean)) tree.push(Buffer.from(line));
    expect(tree.root()).toBe(root);

    await withDb((db) => db.query(`UPDATE articles SET text = text || ' (edited)', content_hash = repeat('a', 64) WHERE id = $1`, [ids.harbour]));
    const verify = await runVellum(['verify', '--json'], env);
    expect(verify.code).toBe(1);
    const report = JSON.parse(verify.stdout);
    expect(new Set(report.mismatches.map((m: { articleId: number }) => m.articleId))).toEqual(new Set([ids.harbour]));

    const second = await runVellum(['manifest', '-o', file, '--json'], env);
    expect(JSON.parse(second.stdout).root).not.toBe(root);
  });
});
