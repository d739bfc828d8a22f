/**
 * The pages of a named corpus: `scrapinghub` (../shared/bench, the set the extractor was tuned
 * on), `sample` (the committed sample, bench/corpora/sample) or any corpus assembled by
 * bench/corpora/assemble.ts into bench/corpora/data/<name>/.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { dataDir, sampleDir } from '../corpora/manifest.ts';
import { loadGroundTruth, loadPages } from './dataset.ts';

export interface CorpusPage {
  /** `<corpus>/<id>`. */
  id: string;
  url: string;
  raw: Buffer;
  /** The expected article body, when the corpus has ground truth for the page. */
  articleBody?: string;
}

export interface Corpus {
  name: string;
  /** The Content-Type a fetch would have given (ScrapingHub's pages are UTF-8; others: sniffed). */
  contentType: string;
  pages: CorpusPage[];
}

type Index = Record<string, { url: string; articleBody?: string; corpus?: string; id?: string }>;

/** Corpora present on this machine, in a stable order. */
export function availableCorpora(): string[] {
  const assembled = fs.existsSync(dataDir)
    ? fs.readdirSync(dataDir).filter((d) => fs.existsSync(path.join(dataDir, d, 'index.json'))).sort()
    : [];
  return ['scrapinghub', ...assembled];
}

function loadIndexed(name: string, dir: string): Corpus {
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as Index;
  const pages = Object.entries(index).map(([key, e]) => ({
    id: name === 'sample' ? `${e.corpus}/${e.id}` : `${name}/${key}`,
    url: e.url,
    raw: zlib.gunzipSync(fs.readFileSync(path.join(dir, 'html', `${key}.html.gz`))),
    ...(e.articleBody === undefined ? {} : { articleBody: e.articleBody }),
  }));
  return { name, contentType: 'text/html', pages };
}

export function loadCorpus(name: string): Corpus {
  if (name === 'scrapinghub') {
    const truth = loadGroundTruth();
    const pages = loadPages().map((p) => ({ id: `scrapinghub/${p.id}`, url: p.url, raw: p.raw, articleBody: truth[p.id]!.articleBody }));
    return { name, contentType: 'text/html; charset=utf-8', pages };
  }
  if (name === 'sample') return loadIndexed(name, sampleDir);
  const dir = path.join(dataDir, name);
  if (!fs.existsSync(path.join(dir, 'index.json'))) {
    throw new Error(`corpus ${name} is not assembled: run npx tsx bench/corpora/assemble.ts (see bench/corpora/README.md)`);
  }
  return loadIndexed(name, dir);
}
