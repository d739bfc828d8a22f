/**
 * Extraction quality on every corpus that has ground truth: F1, precision and recall (and the
 * benchmark's exact-match accuracy) of Vellum's whole process stage and of plain
 * Readability+jsdom, scored with the ScrapingHub benchmark's own metric (../shared/bench/metric.mjs,
 * the scorer of `npm run bench:extract`). Quality only: for speed, see bench:extract.
 *
 *   npm run bench:quality                                    every corpus with ground truth
 *   npm run bench:quality -- --corpus dragnet --modes vellum,vellum-no-clean
 *
 * Modes are those of bench:extract (bench/lib/modes.ts); default readability,vellum. Every page
 * gets its corpus's Content-Type (ScrapingHub: UTF-8, as bench:extract; the other corpora:
 * `text/html`, the charset sniffed from the page as a fetch without one in the header would).
 * A page that throws counts as empty output and is listed. Predictions go to
 * bench/out/quality-<corpus>-<mode>.json (and, with --progress FILE, page by page as JSON lines).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { availableCorpora, loadCorpus } from './lib/corpora.ts';
import { createMode, MODE_NAMES, type ModeName } from './lib/modes.ts';
import { benchDir, outDir } from './lib/paths.ts';
import { table } from './lib/stats.ts';

type Scores = { f1: number; precision: number; recall: number; accuracy: number };
type Truth = Record<string, { articleBody: string }>;

async function loadMetric(): Promise<(truth: Truth, pred: Truth, nBootstrap: number) => Scores> {
  const metric = (await import(pathToFileURL(path.join(benchDir(), 'metric.mjs')).href)) as {
    evaluate: (truth: Truth, pred: Truth, nBootstrap: number) => Scores;
  };
  return metric.evaluate;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const modes = (get('modes') ?? 'readability,vellum').split(',') as ModeName[];
  for (const m of modes) if (!MODE_NAMES.includes(m)) throw new Error(`unknown mode ${m}: use ${MODE_NAMES.join(', ')}`);
  const names = get('corpus') === undefined || get('corpus') === 'all' ? availableCorpora() : get('corpus')!.split(',');
  const evaluate = await loadMetric();
  // --progress FILE: append each page's output as JSON lines as it comes (long runs on a loaded machine).
  const progress = get('progress');
  fs.mkdirSync(outDir, { recursive: true });
  const rows: string[][] = [];
  for (const name of names) {
    const corpus = loadCorpus(name);
    const pages = corpus.pages.filter((p) => p.articleBody !== undefined);
    if (pages.length === 0) {
      console.log(`${name}: no ground truth, not scored`);
      continue;
    }
    const truth: Truth = Object.fromEntries(pages.map((p) => [p.id, { articleBody: p.articleBody! }]));
    // The modes take turns page by page, so load drifting on a shared machine weighs on all alike.
    const runs = await Promise.all(modes.map((mode) => createMode(mode, corpus.contentType)));
    const predictions: Truth[] = modes.map(() => ({}));
    const threw: string[][] = modes.map(() => []);
    const cpuUs = modes.map(() => 0);
    for (const page of pages) {
      for (const [m, run] of runs.entries()) {
        let text = '';
        const cpu = process.cpuUsage();
        try {
          text = run(page.raw, page.url);
        } catch (e) {
          threw[m]!.push(`${page.id} (${e instanceof Error ? e.message.slice(0, 100) : String(e)})`);
        }
        const used = process.cpuUsage(cpu);
        cpuUs[m]! += used.user + used.system;
        predictions[m]![page.id] = { articleBody: text };
        if (progress !== undefined) fs.appendFileSync(progress, `${JSON.stringify({ corpus: name, mode: modes[m], id: page.id, text })}\n`);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    for (const [m, mode] of modes.entries()) {
      const s = evaluate(truth, predictions[m]!, 1);
      fs.writeFileSync(path.join(outDir, `quality-${name}-${mode}.json`), JSON.stringify(predictions[m], null, 1));
      const perCpuSec = pages.length / (cpuUs[m]! / 1e6);
      rows.push([name, mode, String(pages.length), s.f1.toFixed(3), s.precision.toFixed(3), s.recall.toFixed(3), s.accuracy.toFixed(3), String(threw[m]!.length), perCpuSec.toFixed(1)]);
      console.log(`${name} ${mode}: F1 ${s.f1.toFixed(3)} P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)}${threw[m]!.length ? `; threw: ${threw[m]!.join(', ')}` : ''}`);
    }
  }
  console.log();
  console.log(table(['corpus', 'mode', 'pages', 'F1', 'precision', 'recall', 'accuracy', 'threw', 'pages/CPU-s'], rows));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
