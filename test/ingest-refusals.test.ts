/**
 * What `vellum ingest` and `vellum extract` refuse, and how they say it: a missing file ("no
 * such file", nothing recorded), a file that is not HTML (its content type, nothing recorded),
 * a page with too little text (recorded as not-an-article, no article stored), a private
 * address (naming VELLUM_ALLOW_HOSTS), a body over the limit (naming VELLUM_MAX_BODY_BYTES),
 * each reason printed whole. Also: VELLUM_DB_SCHEMA leaves the embedded database alone.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@vellum/db';
import { runMain } from '../packages/cli/test/helpers/run-main.ts';
import { articlePage } from './queue-harness.ts';
import { REPO_ROOT } from './support/run-vellum.ts';
import { dropSchema, POSTGRES_URL, uniqueSchema } from './support/postgres-schema.ts';
import { html, startTestServer, type TestServer } from './support/test-server.ts';

describe('vellum ingest and extract refusals (Postgres)', () => {
  const schema = uniqueSchema('refusals');
  let server: TestServer;
  let db: Database;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({ '/hi': html('<html><body><p>Hi.</p></body></html>'), '/story': html(articlePage(7)) });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vellum-refusals-'));
    env = { DATABASE_URL: POSTGRES_URL, VELLUM_DB_SCHEMA: schema, VELLUM_ALLOW_HOSTS: '127.0.0.1' };
    db = await openDatabase({ connectionString: POSTGRES_URL, schema });
  });

  afterAll(async () => {
    await db?.close();
    await server?.close();
    await dropSchema(schema);
    await fs.rm(dir, { recursive: true, force: true });
  });

  const count = async (table: string) => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

  it('says "no such file" for a missing file and records nothing', async () => {
    const run = await runMain(['ingest', 'missing.html', '--json'], env);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).outcomes).toEqual([
      { input: 'missing.html', submissionId: null, status: 'failed', reason: 'no-such-file: missing.html: no such file', articleId: null, contentHash: null },
    ]);
    expect(await count('submissions')).toBe(0);
  });

  it('refuses a plain-text file with its content type, in ingest and in extract', async () => {
    const notes = path.join(dir, 'notes.txt');
    await fs.writeFile(notes, 'Meeting notes. The council approved the budget after a long debate about schools and roads.\n');
    const ingest = await runMain(['ingest', notes], env);
    expect(ingest.code).toBe(1);
    expect(ingest.stdout).toContain(`unsupported-content-type: ${notes}: content type text/plain; only HTML files`);
    expect(await count('submissions')).toBe(0);
    const extract = await runMain(['extract', notes], env);
    expect(extract.code).toBe(1);
    expect(extract.stderr).toContain('content type text/plain');
    // A file whose name says nothing is judged by its bytes.
    const bare = path.join(dir, 'page');
    await fs.writeFile(bare, articlePage(3));
    expect((await runMain(['extract', bare, '--json'], env)).code).toBe(0);
  });

  it('records a page with too little text as not-an-article, storing no article', async () => {
    const run = await runMain(['ingest', server.url('/hi'), '--json'], env);
    expect(run.code).toBe(1);
    const [outcome] = JSON.parse(run.stdout).outcomes;
    expect(outcome).toMatchObject({ status: 'failed', articleId: null });
    expect(outcome.reason).toMatch(/^not-an-article: the article has 3 characters of text, under the minimum of 50 /);
    const submission = (await db.query<{ status: string; status_reason: string }>('SELECT status, status_reason FROM submissions WHERE id = $1', [outcome.submissionId])).rows[0];
    expect(submission).toMatchObject({ status: 'failed' });
    expect(submission!.status_reason).toMatch(/^not-an-article: /);
    expect(await count('articles')).toBe(0);
    // The minimum is the operator's: at 0 the stub is stored, under another pipeline version.
    const lenient = await runMain(['extract', server.url('/hi'), '--json'], { ...env, VELLUM_MIN_TEXT_CHARS: '0' });
    expect(lenient.code, lenient.stderr).toBe(0);
    expect(JSON.parse(lenient.stdout)).toMatchObject({ text: 'Hi.', versions: { gate: '1;min-text-chars=0' } });
  });

  it('names VELLUM_ALLOW_HOSTS when refusing a private address, and prints the reason whole', async () => {
    const run = await runMain(['ingest', server.url('/story')], { ...env, VELLUM_ALLOW_HOSTS: undefined });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/blocked-destination: refused to connect to 127\.0\.0\.1 .*if this host is meant to be fetched, add it to VELLUM_ALLOW_HOSTS\n/);
    expect(run.stdout).not.toMatch(/allowHosts|allowCidrs|…/);
  });

  it('names VELLUM_MAX_BODY_BYTES when a body is over the limit it sets', async () => {
    const run = await runMain(['ingest', server.url('/story'), '--json'], { ...env, VELLUM_MAX_BODY_BYTES: '200' });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).outcomes[0].reason).toMatch(/^body-too-large: .*exceeds 200 bytes.*raise VELLUM_MAX_BODY_BYTES if such pages are expected$/);
  });
});

describe('VELLUM_DB_SCHEMA and the embedded database', () => {
  let home: string;

  beforeAll(async () => {
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'vellum-home-'));
  });

  afterAll(async () => {
    await fs.rm(home, { recursive: true, force: true });
  });

  it('does not change which archive the embedded database shows', { timeout: 180_000 }, async () => {
    const example = path.join(REPO_ROOT, 'examples', 'surge-in-ukrainian-soldier-defections.html');
    const stored = await runMain(['ingest', example, '--json'], { VELLUM_HOME: home, VELLUM_DB_SCHEMA: 'elsewhere' });
    expect(stored.code, stored.stderr).toBe(0);
    const { articleId } = JSON.parse(stored.stdout).outcomes[0];
    const shown = await runMain(['show', String(articleId), '--json'], { VELLUM_HOME: home });
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout).article).toMatchObject({ id: articleId });
  });
});
