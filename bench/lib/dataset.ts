/**
 * The 181 ScrapingHub benchmark pages: raw (gunzipped) bytes, the page URL and the expected body.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { datasetDir } from './paths.ts';

export interface BenchPage {
  id: string;
  url: string;
  raw: Buffer;
}

export type GroundTruth = Record<string, { url: string; articleBody: string }>;

export function loadGroundTruth(): GroundTruth {
  const file = path.join(datasetDir(), 'ground-truth.json');
  if (!fs.existsSync(file)) {
    throw new Error(`benchmark data not found at ${file}: set VELLUM_BENCH_DIR to the folder holding scrapinghub/`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as GroundTruth;
}

/** Pages in ground-truth order (stable, so runs are comparable). */
export function loadPages(): BenchPage[] {
  const truth = loadGroundTruth();
  return Object.entries(truth).map(([id, { url }]) => ({
    id,
    url,
    raw: zlib.gunzipSync(fs.readFileSync(path.join(datasetDir(), 'html', `${id}.html.gz`))),
  }));
}
