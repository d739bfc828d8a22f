/**
 * Issue 19 item 8: page text never reaches the terminal raw. An article whose title, authors,
 * text and removed items hold ESC sequences (and a C1 CSI, a carriage return, a BEL) is stored
 * in the real Postgres; the human output of list, show, explain, similar, status, search,
 * versions and diff carries no control character but newline and tab, and `--json` keeps the
 * text faithful (escaped).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubmission, insertCapture, migrate, openDatabase, storeArticle, updateSubmissionStatus, type Database } from '@vellum/db';
import { pipelineVersions, sha256Hex } from '@vellum/core';
import { runVellum } from './support/run-vellum.ts';
import { dropSchema, POSTGRES_URL, uniqueSchema } from './support/postgres-schema.ts';

const ESC = '\u001b';
const TITLE = `${ESC}]0;pwned${ESC}\\Evil ${ESC}[2J${ESC}[31mred\u009b1mtitle\rcovered\u0007`;
const TEXT = `First paragraph ${ESC}[8mhidden${ESC}[0m here.\n\nSecond\tparagraph\u0085 with a C1 NEL.`;
/** Any control character a terminal acts on (newline and tab are layout). */
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('human CLI output strips control characters (Postgres)', () => {
  const schema = uniqueSchema('cli_ctl');
  let db: Database;
  let env: Record<string, string>;
  let articleId: number;
  let submissionId: number;

  beforeAll(async () => {
    db = await openDatabase({ connectionString: POSTGRES_URL, schema });
    await migrate(db);
    env = { DATABASE_URL: POSTGRES_URL, VELLUM_DB_SCHEMA: schema };
    const url = 'https://news.example/evil';
    const submission = await createSubmission(db, { url, normalizedUrl: url, submittedBy: `eve${ESC}[5m`, source: 'api' });
    submissionId = submission.id;
    const body = new TextEncoder().encode(`<title>${TITLE}</title><p>${TEXT}</p>`);
    const capture = await insertCapture(db, {
      submissionId,
      requestedUrl: url,
      finalUrl: url,
      httpStatus: 200,
      body,
      contentType: 'text/html',
      fetcherVersion: 'test',
      outcome: 'ok',
    });
    const versions = pipelineVersions();
    const stored = await storeArticle(db, {
      captureId: capture.id,
      submissionId,
      url,
      title: TITLE,
      byline: `By ${ESC}[1mMallory`,
      authors: [`Mallory${ESC}[0m`],
      siteName: `Site${ESC}[7m`,
      text: TEXT,
      contentHash: sha256Hex(TEXT),
      rawSha256: sha256Hex(body),
      removed: [{ rule: 'newsletter-prompt', text: `Sign up ${ESC}[5mnow\u009b2J`, position: 1 }],
      versions,
      pipelineVersion: versions.pipeline,
    });
    articleId = stored.id;
    await updateSubmissionStatus(db, submissionId, 'failed', { reason: `http-error: ${ESC}[31mteapot` });
  });

  afterAll(async () => {
    await db?.close();
    await dropSchema(schema);
  });

  it.each([
    ['list', () => ['list']],
    ['show', () => ['show', String(articleId)]],
    ['explain', () => ['explain', String(articleId)]],
    ['similar', () => ['similar', String(articleId)]],
    ['status', () => ['status', String(submissionId)]],
    ['search', () => ['search', 'paragraph hidden']],
    ['versions', () => ['versions', String(articleId)]],
    ['diff', () => ['diff', String(articleId), String(articleId)]],
  ])('vellum %s prints no control characters', async (_name, args) => {
    const run = await runVellum(args(), env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(0);
    expect(run.stdout).not.toMatch(TERMINAL_CONTROL);
    expect(run.stderr).not.toMatch(TERMINAL_CONTROL);
  });

  it('keeps the readable text: show prints the title and the paragraphs without their escapes', async () => {
    const run = await runVellum(['show', String(articleId)], env);
    expect(run.stdout).toContain(`article ${articleId}: ]0;pwned\\Evil [2J[31mred1mtitlecovered`);
    expect(run.stdout).toContain('First paragraph [8mhidden[0m here.\n\nSecond\tparagraph with a C1 NEL.');
  });

  it('JSON output stays faithful: the control characters are there, escaped', async () => {
    const run = await runVellum(['show', String(articleId), '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(TERMINAL_CONTROL);
    const json = JSON.parse(run.stdout);
    expect(json.article.title).toBe(TITLE);
    expect(json.article.text).toBe(TEXT);
  });
});
