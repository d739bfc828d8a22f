/**
 * `vellum manifest`: a stable JSONL manifest and a Merkle root a downstream user can recompute
 * from the file alone; the root changes when one article changes. Also `vellum export jsonl`.
 * Real CLI, Postgres.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '@vellum/core';
import { MerkleTree, openDatabase, type Database } from '@vellum/db';
import { EXAMPLE_FILES, examplePath } from './dedup-pages.ts';
import { runVellum } from './support/run-vellum.ts';
import { dropSchema, POSTGRES_URL, uniqueSchema } from './support/postgres-schema.ts';

describe('vellum manifest', () => {
  const schema = uniqueSchema('repro_manifest');
  let db: Database;
  let env: Record<string, string>;
  let dir: string;

  const manifest = async (name: string): Promise<{ root: string; count: number; lines: string[]; file: string }> => {
    const file = path.join(dir, name);
    const run = await runVellum(['manifest', '-o', file, '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    const sidecar = JSON.parse(await fs.readFile(`${file}.root.json`, 'utf8'));
    expect(sidecar.root).toBe(summary.root);
    const text = await fs.readFile(file, 'utf8');
    return { root: summary.root, count: summary.count, lines: text.split('\n').filter(Boolean), file };
  };

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vellum-manifest-'));
    env = { DATABASE_URL: POSTGRES_URL, VELLUM_DB_SCHEMA: schema };
    db = await openDatabase({ connectionString: POSTGRES_URL, schema });
    const run = await runVellum(['ingest', ...EXAMPLE_FILES.map(examplePath)], env);
    expect(run.code, run.stderr).toBe(0);
  });

  afterAll(async () => {
    await db?.close();
    await dropSchema(schema);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes one line per article in id order and a root recomputable from the file', async () => {
    const m = await manifest('one.jsonl');
    expect(m.count).toBe(EXAMPLE_FILES.length);
    expect(m.lines).toHaveLength(EXAMPLE_FILES.length);
    const entries = m.lines.map((l) => JSON.parse(l));
    expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((a, b) => a - b));
    for (const e of entries) {
      expect(Object.keys(e)).toEqual(['id', 'url', 'canonicalUrl', 'captureId', 'rawSha256', 'contentHash', 'pipelineVersion', 'versions']);
      expect(Object.keys(e.versions)).toEqual(Object.keys(e.versions).sort());
      expect(e.rawSha256).toMatch(/^[0-9a-f]{64}$/);
    }
    // A downstream user needs only the file: leaves are the lines' UTF-8 bytes.
    const tree = new MerkleTree();
    for (const line of m.lines) tree.push(Buffer.from(line, 'utf8'));
    expect(tree.root()).toBe(m.root);
    // The stored content hashes are those of the stored texts.
    const { rows } = await db.query<{ id: string; text: string }>('SELECT id, text FROM articles ORDER BY id');
    expect(entries.map((e) => e.contentHash)).toEqual(rows.map((r) => contentHash(r.text)));
  });

  it('is stable: the same archive gives the same bytes and root', async () => {
    const a = await manifest('a.jsonl');
    const b = await manifest('b.jsonl');
    expect(await fs.readFile(b.file)).toEqual(await fs.readFile(a.file));
    expect(b.root).toBe(a.root);
  });

  it('changes its root when one article changes, and only that line', async () => {
    const before = await manifest('before.jsonl');
    const { rows } = await db.query<{ id: string }>('SELECT id FROM articles ORDER BY id OFFSET 2 LIMIT 1');
    const id = Number(rows[0]!.id);
    const text = 'A different text.';
    await db.query('UPDATE articles SET text = $2, content_hash = $3 WHERE id = $1', [id, text, contentHash(text)]);
    const after = await manifest('after.jsonl');
    expect(after.root).not.toBe(before.root);
    const changed = after.lines.map((l, i) => (l === before.lines[i] ? null : JSON.parse(l).id)).filter((x) => x !== null);
    expect(changed).toEqual([id]);
  });

  it('records each manifest in the audit log', async () => {
    const m = await manifest('audited.jsonl');
    const { rows } = await db.query<{ details: { root: string; count: number; file: string } }>(
      `SELECT details FROM events WHERE entity = 'manifest' AND action = 'written' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]!.details).toMatchObject({ root: m.root, count: m.count, file: m.file });
  });
});

describe('vellum export jsonl', () => {
  const schema = uniqueSchema('repro_export');
  let env: Record<string, string>;

  beforeAll(async () => {
    env = { DATABASE_URL: POSTGRES_URL, VELLUM_DB_SCHEMA: schema };
    const run = await runVellum(['ingest', examplePath(EXAMPLE_FILES[0]!), '--url', 'https://news.example/a?utm_source=x'], env);
    expect(run.code, run.stderr).toBe(0);
  });

  afterAll(async () => {
    await dropSchema(schema);
  });

  it('writes every article with its fields and provenance', async () => {
    const run = await runVellum(['export', 'jsonl'], env);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    const [record] = lines;
    expect(record.canonicalUrl).toBe('https://news.example/a');
    expect(record.text.length).toBeGreaterThan(500);
    expect(record.contentHash).toBe(contentHash(record.text));
    expect(record.versions.pipeline).toBe(record.pipelineVersion);
    expect(record.provenance).toMatchObject({
      origin: 'file',
      sourcePath: examplePath(EXAMPLE_FILES[0]!),
      submissionSource: 'file',
    });
    expect(record.provenance.bodySha256).toBe(record.rawSha256);
    // One mapping with `vellum show` (it had drifted: the export lacked the capture's charset).
    const show = await runVellum(['show', String(record.id), '--json'], env);
    expect(show.code, show.stderr).toBe(0);
    const shown = JSON.parse(show.stdout);
    for (const [key, value] of Object.entries(record.provenance)) {
      if (key in shown.provenance) expect(shown.provenance[key], key).toEqual(value);
    }
    expect(Object.keys(record.provenance)).toEqual(expect.arrayContaining(['captureId', 'charset', 'submittedAt']));
  });
});
