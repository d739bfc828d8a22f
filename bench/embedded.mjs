/**
 * `npm run bench:embedded [-- --runs 3] [--bin path/to/bin/vellum.js]`: the embedded default's
 * first run and footprint. For each run, in a new VELLUM_HOME: `vellum ingest` of one example
 * page (the first run: the home is created), then of a second page (an existing home), then of
 * the other three; prints wall and CPU time, peak RSS of each ingest, and the home's size on
 * disk after 1 and 5 articles (medians over the runs). Peak RSS and CPU are read by the child
 * itself at exit (bench/lib/child-usage.mjs; Linux /proc).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, runChild } from './lib/run-child.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(option('--runs', '3'));
const bin = path.resolve(option('--bin', path.join(root, 'packages/cli/bin/vellum.js')));
const usageHook = path.join(root, 'bench/lib/child-usage.mjs');
const examples = readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.html')).sort().map((f) => path.join(root, 'examples', f));

/** Bytes on disk (allocated blocks) under `dir`. */
function diskBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(path.join(entry.parentPath ?? entry.path, entry.name)).blocks * 512;
  }
  return total;
}

function ingest(home, files) {
  const usageFile = path.join(home, '..', `${path.basename(home)}.usage.json`);
  const env = { ...process.env, VELLUM_HOME: home, LOG_LEVEL: 'warn', VELLUM_BENCH_USAGE_FILE: usageFile };
  for (const name of ['VELLUM_FROM_SOURCE', 'DATABASE_URL', 'REDIS_URL']) delete env[name];
  const { wallMs, stderr } = runChild(process.execPath, ['--import', usageHook, bin, 'ingest', ...files], { env });
  if (stderr.includes('newer than the build')) throw new Error(`the build is stale: run \`npm run build\` first\n${stderr}`);
  const usage = JSON.parse(readFileSync(usageFile, 'utf8'));
  rmSync(usageFile);
  return { wallMs, ...usage };
}

const rows = { fresh: [], existing: [], disk1: [], disk5: [] };
for (let r = 0; r < runs; r++) {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'vellum-bench-embedded-'));
  const home = path.join(parent, 'home');
  try {
    rows.fresh.push(ingest(home, [examples[0]]));
    rows.disk1.push(diskBytes(home));
    rows.existing.push(ingest(home, [examples[1]]));
    ingest(home, examples.slice(2));
    rows.disk5.push(diskBytes(home));
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

const fmt = (runsOf, key, digits = 0) => median(runsOf.map((x) => x[key])).toFixed(digits);
process.stdout.write(`vellum: ${bin}\n${runs} runs, medians; node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n\n`);
process.stdout.write('ingest of one page        wall ms   CPU ms  peak RSS MB\n');
for (const [name, list] of [['new home (first run)', rows.fresh], ['existing home', rows.existing]]) {
  process.stdout.write(`${name.padEnd(24)}${fmt(list, 'wallMs').padStart(9)}${fmt(list, 'cpuMs').padStart(9)}${fmt(list, 'peakRssMb').padStart(13)}\n`);
}
process.stdout.write(`\nhome on disk: ${(median(rows.disk1) / 1e6).toFixed(1)} MB after 1 article, ${(median(rows.disk5) / 1e6).toFixed(1)} MB after ${examples.length}\n`);
process.stdout.write('targets (issue 20): one-page ingest <= 250 MB on an existing home, <= 400 MB on a new one\n');
