/**
 * DOM parity: extract's phases (page metadata, Readability, blocks) on each prefiltered page,
 * built with the pipeline's builder (`parseDocument`, the fast DOM) and with the reference
 * (`parseDocumentWithJsdom`), must give identical text and metadata. Prints per corpus how many
 * pages do, how many crash on either builder, and lists the others with their first difference.
 *
 *   npm run bench:parity                         every corpus present (ScrapingHub + assembled)
 *   npx tsx bench/dom-parity.ts                  ScrapingHub only (the set the extractor was tuned on)
 *   npx tsx bench/dom-parity.ts --corpus dragnet,cleaneval   chosen corpora (`sample`: the committed sample)
 *   --progress: print each page's verdict as it is found; --out FILE: where the verdicts go
 *
 * The corpora other than ScrapingHub are built by bench/corpora/assemble.ts (bench/corpora/README.md).
 * Per-page verdicts go to bench/out/parity.json (or `--out FILE`). Exit code 1 when any page is not identical.
 */
import fs from 'node:fs';
import path from 'node:path';
import { availableCorpora, loadCorpus } from './lib/corpora.ts';
import { compareDoms, preparePage, type ParityVerdict } from './lib/parity.ts';
import { outDir } from './lib/paths.ts';
import { table } from './lib/stats.ts';

const VERDICTS: ParityVerdict[] = ['identical', 'text', 'metadata', 'crash-fast', 'crash-reference', 'crash-both'];

function corporaFrom(argv: string[]): string[] {
  const i = argv.indexOf('--corpus');
  const value = i >= 0 ? argv[i + 1] : 'scrapinghub';
  if (value === undefined) throw new Error('--corpus needs a value: all, or names separated by commas');
  return value === 'all' ? availableCorpora() : value.split(',').filter(Boolean);
}

async function main(): Promise<void> {
  const names = corporaFrom(process.argv.slice(2));
  // --progress: print each page's verdict as it is found (long runs on a loaded machine).
  const progress = process.argv.includes('--progress');
  const rows: string[][] = [];
  const others: string[] = [];
  const verdicts: Record<string, { verdict: ParityVerdict; detail: string }> = {};
  const started = process.cpuUsage();
  for (const name of names) {
    const corpus = loadCorpus(name);
    const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<ParityVerdict, number>;
    for (const page of corpus.pages) {
      const result = compareDoms(preparePage(page.raw, corpus.contentType), page.url);
      counts[result.verdict]++;
      verdicts[page.id] = result;
      const line = `  ${result.verdict.padEnd(15)} ${page.id}: ${result.detail.replace(/\s+/g, ' ').slice(0, 300)}`;
      if (result.verdict !== 'identical') others.push(line);
      if (progress) console.log(line);
      // jsdom frees a closed window only once the event loop turns.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const n = corpus.pages.length;
    const pct = (k: number) => `${k} (${((100 * k) / n).toFixed(1)}%)`;
    rows.push([name, String(n), pct(counts.identical), String(counts.text), String(counts.metadata), String(counts['crash-fast']), String(counts['crash-reference']), String(counts['crash-both'])]);
    console.log(`${name}: ${counts.identical} of ${n} identical`);
  }
  const total = rows.reduce((a, r) => [a[0]! + Number(r[1]), a[1]! + Number(r[2]!.split(' ')[0])], [0, 0]);
  fs.mkdirSync(outDir, { recursive: true });
  const out = process.argv.indexOf('--out');
  fs.writeFileSync(out >= 0 ? process.argv[out + 1]! : path.join(outDir, 'parity.json'), JSON.stringify(verdicts, null, 1));
  console.log();
  if (others.length) console.log(`not identical (first difference; "fast" is parseDocument, "jsdom" the reference):\n${others.join('\n')}\n`);
  console.log(table(['corpus', 'pages', 'identical text + metadata', 'text differs', 'metadata differs', 'crash fast DOM', 'crash jsdom', 'crash both'], rows));
  const cpu = process.cpuUsage(started);
  console.log(`${total[1]} of ${total[0]} pages identical over ${names.length} corpora; ${((cpu.user + cpu.system) / 1e6).toFixed(0)} CPU-s`);
  process.exitCode = total[0] === total[1] ? 0 : 1;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(2);
});
