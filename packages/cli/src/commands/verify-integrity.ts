/**
 * `vellum verify --integrity`: the integrity sweep. Unlike the reproduction check (verify.ts),
 * it runs no pipeline, so it covers every row whatever versions recorded it, and it is cheap
 * enough to run after every incident:
 *  - every body: SHA-256 of its stored bytes = its key (`bodies.sha256`);
 *  - every article: SHA-256 of its stored normalized text = `content_hash`, its `raw_sha256`
 *    = its capture's `body_sha256`, and that body is present.
 * Streaming: keyset pages (bodies in key order, fetched in runs of a bounded total size;
 * articles in id order), so memory stays bounded whatever the archive's size.
 */
import { contentHash, sha256Hex } from '@vellum/core';
import { countIntegrityRows, getBodiesInRange, listArticleHashRecords, listBodyKeys, type BodyKey, type Database } from '@vellum/db';
import { printJson, printText } from '../output.ts';
import { startProgress, type Progress } from '../progress.ts';

export type IntegrityCheck = 'body-sha256' | 'missing-body' | 'content-hash' | 'raw-sha256';

export interface IntegrityMismatch {
  table: 'bodies' | 'articles';
  /** The row: a body's sha256 key, an article's id. */
  id: string | number;
  check: IntegrityCheck;
  expected: string;
  actual: string;
}

export interface IntegritySummary {
  integrity: true;
  bodies: { checked: number; bytes: number };
  articles: { checked: number };
  mismatches: IntegrityMismatch[];
  ok: boolean;
}

/** Body keys per page, and the most body bytes fetched at once (one larger body goes alone). */
const BODY_PAGE = 1000;
const BODY_RUN_BYTES = 16 * 1024 * 1024;
const ARTICLE_PAGE = 500;

export async function integritySweep(db: Database, options: { progress?: boolean } = {}): Promise<IntegritySummary> {
  const counts = await countIntegrityRows(db);
  const progress = options.progress === false ? { tick() {}, stop() {} } : startProgress(counts.bodies + counts.articles, 'integrity');
  const summary: IntegritySummary = { integrity: true, bodies: { checked: 0, bytes: 0 }, articles: { checked: 0 }, mismatches: [], ok: true };
  try {
    await sweepBodies(db, summary, progress);
    await sweepArticles(db, summary, progress);
  } finally {
    progress.stop();
  }
  summary.ok = summary.mismatches.length === 0;
  return summary;
}

async function sweepBodies(db: Database, summary: IntegritySummary, progress: Progress): Promise<void> {
  let after: string | undefined;
  for (;;) {
    const keys = await listBodyKeys(db, { afterSha256: after, limit: BODY_PAGE });
    for (const run of runsOfBoundedSize(keys)) {
      const bodies = await getBodiesInRange(db, run[0]!.sha256, run[run.length - 1]!.sha256);
      for (const body of bodies) {
        const actual = sha256Hex(body.bytes);
        if (actual !== body.sha256) summary.mismatches.push({ table: 'bodies', id: body.sha256, check: 'body-sha256', expected: body.sha256, actual });
        summary.bodies.checked++;
        summary.bodies.bytes += body.bytes.byteLength;
        progress.tick(`body ${body.sha256.slice(0, 12)}`);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (keys.length < BODY_PAGE) return;
    after = keys[keys.length - 1]!.sha256;
  }
}

/** Splits a page of keys into consecutive runs whose bodies total at most BODY_RUN_BYTES. */
function* runsOfBoundedSize(keys: BodyKey[]): Generator<BodyKey[]> {
  let run: BodyKey[] = [];
  let bytes = 0;
  for (const key of keys) {
    if (run.length > 0 && bytes + key.size > BODY_RUN_BYTES) {
      yield run;
      run = [];
      bytes = 0;
    }
    run.push(key);
    bytes += key.size;
  }
  if (run.length > 0) yield run;
}

async function sweepArticles(db: Database, summary: IntegritySummary, progress: Progress): Promise<void> {
  let afterId = 0;
  for (;;) {
    const page = await listArticleHashRecords(db, { afterId, limit: ARTICLE_PAGE });
    for (const a of page) {
      const found = (check: IntegrityCheck, expected: string, actual: string): void =>
        void summary.mismatches.push({ table: 'articles', id: a.id, check, expected, actual });
      const textHash = contentHash(a.text);
      if (textHash !== a.contentHash) found('content-hash', a.contentHash, textHash);
      if (a.captureBodySha256 === null) found('missing-body', a.rawSha256, `capture ${a.captureId} has no body`);
      else if (!a.bodyPresent) found('missing-body', a.captureBodySha256, `body of capture ${a.captureId} is not stored`);
      if (a.captureBodySha256 !== null && a.captureBodySha256 !== a.rawSha256) found('raw-sha256', a.captureBodySha256, a.rawSha256);
      summary.articles.checked++;
      progress.tick(`article ${a.id}`);
    }
    await new Promise((resolve) => setImmediate(resolve));
    if (page.length < ARTICLE_PAGE) return;
    afterId = page[page.length - 1]!.id;
  }
}

export function reportIntegrity(summary: IntegritySummary, json: boolean): void {
  if (json) {
    printJson(summary);
    return;
  }
  const mb = (summary.bodies.bytes / 1024 / 1024).toFixed(1);
  const lines = [
    `integrity: ${summary.bodies.checked} bodies (${mb} MB) and ${summary.articles.checked} articles checked: ` +
      (summary.ok ? 'all hashes match' : `${summary.mismatches.length} mismatch(es)`),
  ];
  for (const m of summary.mismatches) lines.push(`  ${m.table} ${m.id} ${m.check}: expected ${m.expected}, got ${m.actual}`);
  if (!summary.ok) {
    lines.push('Restore the rows listed from a backup (or refetch and reprocess their URLs); `vellum verify` then re-checks the articles.');
  }
  printText(`${lines.join('\n')}\n`);
}
