/**
 * `vellum verify [--sample N]`: re-runs stored captures through the pipeline and checks that
 * every article whose recorded versions equal the current ones is reproduced exactly.
 *
 * Checks per article, each mismatch reported with its kind:
 *  - `raw-sha256`: the capture's stored body still hashes to the article's raw_sha256;
 *  - `stored-text`: the stored text still hashes to the stored content_hash;
 *  - `content-hash`: the pipeline, run again on the body, gives the stored content_hash;
 *  - `text`: ... and the stored text, byte for byte;
 *  - `missing-body` / `pipeline-error`: the check could not run at all.
 * `vellum verify --integrity` runs the integrity sweep instead (verify-integrity.ts): every
 * body and every article's hashes, no pipeline.
 */
import { randomInt } from 'node:crypto';
import type { Command } from 'commander';
import { contentHash, pipelineVersions, sha256Hex, type CleanOptions, type StageVersions } from '@vellum/core';
import { getArticle, getCapture, listArticleVersionRecords, type Database } from '@vellum/db';
import { failureReason, runPipeline } from '@vellum/ingest';
import type { CliContext } from '../context.ts';
import { printJson, printText } from '../output.ts';
import { startProgress } from '../progress.ts';
import { integritySweep, reportIntegrity } from './verify-integrity.ts';
import { loadCleanOptions } from '../site-rules.ts';

export type MismatchKind = 'raw-sha256' | 'stored-text' | 'content-hash' | 'text' | 'missing-body' | 'pipeline-error';

export interface Mismatch {
  articleId: number;
  captureId: number;
  url: string;
  kind: MismatchKind;
  expected: string;
  actual: string;
}

export interface VerifySummary {
  /** Articles in the archive. */
  articles: number;
  /** Of those, recorded with the current versions (the others cannot be vouched for). */
  current: number;
  checked: number;
  passed: number;
  mismatches: Mismatch[];
}

export function registerVerify(program: Command, ctx: CliContext): void {
  program
    .command('verify')
    .description('re-run stored captures through the pipeline and check the stored hashes and texts')
    .option('--sample <n>', 'check a random sample of n articles instead of all', parseCount)
    .option('--integrity', 'instead: check every stored body against its SHA-256 and every article\'s hashes (no pipeline run)')
    .option('--json', 'print the summary and every mismatch as JSON')
    .addHelpText(
      'after',
      `
Only articles recorded with the current pipeline versions are checked (after a change of code or
site rules, run \`vellum reprocess\` first). Exit status: 1 when any article does not reproduce.

--integrity checks every row whatever its versions: each body's bytes against its key, each
article's text against its content_hash and its raw_sha256 against its capture's body. Run it
after an incident (a disk, a restore, a crash); exit status 1 on any mismatch, each one listed
with its table, id, expected and actual value.`,
    )
    .action(async (flags: { sample?: number; json?: boolean; integrity?: boolean }) => {
      if (flags.integrity && flags.sample !== undefined) throw new Error('--integrity checks every row; it does not take --sample');
      const db = await ctx.db();
      if (flags.integrity) {
        const summary = await integritySweep(db);
        reportIntegrity(summary, flags.json === true);
        if (!summary.ok) ctx.exitCode = 1;
        return;
      }
      const cleanOptions = await loadCleanOptions(ctx.config);
      const { minTextChars } = ctx.config;
      const { ids, articles } = await currentArticleIds(db, cleanOptions, minTextChars);
      const chosen = flags.sample === undefined ? ids : sample(ids, flags.sample);
      const summary: VerifySummary = { articles, current: ids.length, checked: 0, passed: 0, mismatches: [] };
      const progress = startProgress(chosen.length, 'verify');
      for (const id of chosen) {
        const found = await verifyArticle(db, cleanOptions, minTextChars, id);
        summary.checked++;
        if (found.length === 0) summary.passed++;
        summary.mismatches.push(...found);
        progress.tick(`article ${id}`);
        await new Promise((resolve) => setImmediate(resolve));
      }
      progress.stop();
      report(summary, flags.json === true);
      if (summary.mismatches.length > 0) ctx.exitCode = 1;
    });
}

function parseCount(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new Error(`--sample takes a positive integer, got ${value}`);
  return Number(value);
}

function sameVersions(a: StageVersions, b: Record<string, string>): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

/** Ids of the articles whose recorded versions are what the pipeline would record today. */
async function currentArticleIds(db: Database, cleanOptions: CleanOptions, minTextChars: number): Promise<{ ids: number[]; articles: number }> {
  const ids: number[] = [];
  let articles = 0;
  let afterId = 0;
  for (;;) {
    const page = await listArticleVersionRecords(db, { afterId, limit: 2000 });
    for (const r of page) {
      articles++;
      // The process step cleans with the page URL in the options; so must the comparison.
      if (sameVersions(pipelineVersions({ ...cleanOptions, url: r.url }, { minTextChars }), r.versions)) ids.push(r.id);
    }
    if (page.length < 2000) return { ids, articles };
    afterId = page[page.length - 1]!.id;
  }
}

/** n ids drawn uniformly without replacement (partial Fisher-Yates), in id order. */
function sample(ids: number[], n: number): number[] {
  const pool = [...ids];
  const k = Math.min(n, pool.length);
  for (let i = 0; i < k; i++) {
    const j = i + randomInt(pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, k).sort((a, b) => a - b);
}

async function verifyArticle(db: Database, cleanOptions: CleanOptions, minTextChars: number, articleId: number): Promise<Mismatch[]> {
  const article = (await getArticle(db, articleId))!;
  const capture = await getCapture(db, article.captureId);
  const base = { articleId, captureId: article.captureId, url: article.url };
  const found: Mismatch[] = [];
  const storedTextHash = contentHash(article.text);
  if (storedTextHash !== article.contentHash) {
    found.push({ ...base, kind: 'stored-text', expected: article.contentHash, actual: storedTextHash });
  }
  if (!capture?.body) {
    found.push({ ...base, kind: 'missing-body', expected: article.rawSha256, actual: 'no stored body' });
    return found;
  }
  const rawSha256 = sha256Hex(capture.body);
  if (rawSha256 !== article.rawSha256) found.push({ ...base, kind: 'raw-sha256', expected: article.rawSha256, actual: rawSha256 });
  try {
    const result = runPipeline({ cleanOptions, minTextChars }, capture);
    if (result.contentHash !== article.contentHash) {
      found.push({ ...base, kind: 'content-hash', expected: article.contentHash, actual: result.contentHash });
    }
    if (result.text !== article.text) {
      found.push({ ...base, kind: 'text', expected: contentHash(result.text), actual: storedTextHash });
    }
  } catch (error) {
    found.push({ ...base, kind: 'pipeline-error', expected: article.contentHash, actual: failureReason(error) });
  }
  return found;
}

function report(summary: VerifySummary, json: boolean): void {
  if (json) {
    printJson(summary);
    return;
  }
  const lines = [
    `${summary.checked} article(s) checked of ${summary.current} with the current versions (${summary.articles} in the archive)`,
    `${summary.passed} reproduced exactly, ${summary.checked - summary.passed} did not`,
  ];
  for (const m of summary.mismatches) {
    lines.push(`  article ${m.articleId} (capture ${m.captureId}) ${m.kind}: expected ${m.expected}, got ${m.actual}  ${m.url}`);
  }
  printText(`${lines.join('\n')}\n`);
}
