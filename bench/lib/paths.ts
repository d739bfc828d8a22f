/**
 * Where the benchmark data and the harness's outputs live. The data set is shared by every
 * checkout (`<repo>/../shared/bench`), so it is located relative to the repository root and can be
 * moved with VELLUM_BENCH_DIR (read here because the bench scripts are entry points).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function benchDir(): string {
  return path.resolve(process.env.VELLUM_BENCH_DIR ?? path.join(repoRoot, '..', 'shared', 'bench'));
}

export function datasetDir(): string {
  return path.join(benchDir(), 'scrapinghub');
}

/** Predictions and per-mode results; gitignored. */
export const outDir = path.join(repoRoot, 'bench', 'out');
