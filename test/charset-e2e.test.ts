/**
 * Issue 19 item 5: a UTF-8 page that declares no charset (none in the Content-Type, no <meta>)
 * is stored as UTF-8, not as windows-1252 mojibake, with the rule that chose it: fetched from a
 * local server and imported from a saved file by the real `vellum ingest`, into the real Postgres.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getArticle, openDatabase, type Database } from '@vellum/db';
import { runVellum } from './support/run-vellum.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';
import { dropSchema, POSTGRES_URL, uniqueSchema } from './support/postgres-schema.ts';

const TITLE = 'Café — “quoted” in Zürich';
const PARAGRAPH =
  'Le président a annoncé une réforme très contestée. Naïve résumé, “curly quotes” and an em dash — all in UTF-8, ' +
  'with nothing in the page or its headers saying so. Straße, Ærøskøbing, Москва and 日本語 come through intact.';
const PAGE = `<!doctype html><html><head><title>${TITLE}</title></head><body><article><h1>${TITLE}</h1>${`<p>${PARAGRAPH}</p>`.repeat(6)}</article></body></html>`;

describe('undeclared UTF-8 end to end (vellum ingest, Postgres)', () => {
  const schema = uniqueSchema('e2e_charset');
  let server: TestServer;
  let db: Database;
  let env: Record<string, string>;
  let dir: string;

  beforeAll(async () => {
    server = await startTestServer({
      // A server that says only "text/html": no charset anywhere.
      '/undeclared': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(Buffer.from(PAGE, 'utf8')),
    });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vellum-charset-'));
    env = { DATABASE_URL: POSTGRES_URL, VELLUM_DB_SCHEMA: schema, VELLUM_ALLOW_HOSTS: '127.0.0.1' };
    db = await openDatabase({ connectionString: POSTGRES_URL, schema });
  });

  afterAll(async () => {
    await db?.close();
    await server?.close();
    await dropSchema(schema);
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('a fetched page is stored as UTF-8, charset_source valid-utf-8', async () => {
    const run = await runVellum(['ingest', server.url('/undeclared'), '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const [outcome] = JSON.parse(run.stdout).outcomes;
    expect(outcome.status).toBe('stored');
    const article = await getArticle(db, outcome.articleId);
    expect(article!.title).toBe(TITLE);
    expect(article!.text).toContain(PARAGRAPH);
    expect(article!.text).not.toMatch(/Ã|â€/);
    expect(article!.charset).toBe('utf-8');
    expect(article!.charsetSource).toBe('valid-utf-8');
    // Read back through SQL as a downstream tool would.
    const { rows } = await db.query<{ charset: string; charset_source: string }>('SELECT charset, charset_source FROM articles WHERE id = $1', [
      outcome.articleId,
    ]);
    expect(rows[0]).toEqual({ charset: 'utf-8', charset_source: 'valid-utf-8' });
  });

  it('a saved file (vellum ingest page.html, vellum extract) is read as UTF-8 too', async () => {
    const file = path.join(dir, 'page.html');
    await fs.writeFile(file, PAGE, 'utf8');
    const run = await runVellum(['ingest', file, '--url', 'https://news.example/saved', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const [outcome] = JSON.parse(run.stdout).outcomes;
    const article = await getArticle(db, outcome.articleId);
    expect(article!.title).toBe(TITLE);
    expect(article!.charsetSource).toBe('valid-utf-8');

    const extracted = await runVellum(['extract', file, '--json'], env);
    expect(extracted.code, extracted.stderr).toBe(0);
    const json = JSON.parse(extracted.stdout);
    expect(json.title).toBe(TITLE);
    expect(json.charset).toBe('utf-8');
    expect(json.charsetSource).toBe('valid-utf-8');
  });
});
