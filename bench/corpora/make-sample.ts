/**
 * Writes the committed sample (bench/corpora/sample/) that test/dom-parity-sample.test.ts reads:
 * pages copied from the assembled corpora (bench/corpora/data/), with their ground truth.
 *
 *   npx tsx bench/corpora/make-sample.ts [--per-corpus 40] [--max-kb 250] [--include corpus/id,...] [--parity FILE]
 *
 * Which pages: in each corpus of SAMPLE_CORPORA, first the pages the last `npm run bench:parity`
 * found not identical (bench/out/parity.json, or --parity FILE), then others in a fixed pseudo-random order
 * (sha256 of the id), up to --per-corpus pages of at most --max-kb KB raw each; plus every
 * page named by --include, from any corpus of SAMPLE_CORPORA. Enriching the sample with the
 * pages where today's DOM differs is deliberate: the test is there to catch those.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { loadCorpus } from '../lib/corpora.ts';
import { outDir } from '../lib/paths.ts';
import { readManifest, readLock, sampleDir } from './manifest.ts';

/**
 * Corpora whose licence lets their pages sit in this (MIT) repository. Left out: dragnet (its data
 * is AGPL-3.0) and cleaneval / cleanportaleval (no licence stated); they stay in the full bench.
 */
export const SAMPLE_CORPORA = ['readability', 'go-trafilatura', 'wceb-2026'];

function main(): void {
  const argv = process.argv.slice(2);
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const perCorpus = Number(get('per-corpus') ?? 40);
  const maxBytes = Number(get('max-kb') ?? 250) * 1024;
  const include = new Set((get('include') ?? '').split(',').filter(Boolean));
  const parityFile = get('parity') ?? path.join(outDir, 'parity.json');
  const parity = fs.existsSync(parityFile) ? (JSON.parse(fs.readFileSync(parityFile, 'utf8')) as Record<string, { verdict: string }>) : {};
  const manifest = new Map(readManifest().map((e) => [`${e.corpus}/${e.id}`, e]));
  const lock = readLock();
  const order = (id: string) => crypto.createHash('sha256').update(id).digest('hex');
  // allow-list.json and README.md beside them are written by hand and kept.
  fs.rmSync(path.join(sampleDir, 'html'), { recursive: true, force: true });
  fs.mkdirSync(path.join(sampleDir, 'html'), { recursive: true });
  const index: Record<string, object> = {};
  let bytes = 0;
  for (const name of SAMPLE_CORPORA) {
    const pages = loadCorpus(name).pages.sort((a, b) => (order(a.id) < order(b.id) ? -1 : 1));
    const differing = pages.filter((p) => (parity[p.id]?.verdict ?? 'identical') !== 'identical');
    const chosen = [...pages.filter((p) => include.has(p.id))];
    for (const p of [...differing, ...pages]) {
      if (chosen.length >= perCorpus) break;
      if (!chosen.includes(p) && p.raw.length <= maxBytes) chosen.push(p);
    }
    for (const p of chosen) {
      const entry = manifest.get(p.id)!;
      const key = `${entry.corpus}--${entry.id}`;
      const gz = zlib.gzipSync(p.raw, { level: 9 });
      bytes += gz.length;
      fs.writeFileSync(path.join(sampleDir, 'html', `${key}.html.gz`), gz);
      index[key] = {
        corpus: entry.corpus,
        id: entry.id,
        url: p.url,
        source: `${lock[entry.corpus]!.repo}@${lock[entry.corpus]!.commit}:${entry.path}`,
        sha256: entry.sha256,
        ...(p.articleBody === undefined ? {} : { articleBody: p.articleBody }),
      };
    }
    console.log(`${name}: ${chosen.length} pages (${chosen.filter((p) => differing.includes(p)).length} not identical at the last bench:parity)`);
  }
  fs.writeFileSync(path.join(sampleDir, 'index.json'), `${JSON.stringify(index, null, 1)}\n`);
  console.log(`${Object.keys(index).length} pages, ${(bytes / 1024 / 1024).toFixed(2)} MB gzipped -> ${sampleDir}`);
}

main();
