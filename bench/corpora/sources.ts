/**
 * The public corpora of the parity bench: where each comes from, which of its files are article
 * pages, and how its page and ground-truth files become the bench's form (raw page bytes, an
 * absolute URL, the expected article body as plain text).
 *
 * Not here on purpose: L3S-GN1 (Google News 2008, also mirrored as `page-signal-master` in
 * j-szulc/html-cleaning-dataset-merged) is kept for an independent check and is never read;
 * ScrapingHub's 181 pages are `../shared/bench` (corpus `scrapinghub` of the bench, not assembled).
 */
import zlib from 'node:zlib';

export interface ManifestEntry {
  corpus: string;
  id: string;
  /** Path of the page in the source repository, at the corpus's pinned commit. */
  path: string;
  sha256: string;
  truthPath?: string;
  truthSha256?: string;
  url: string;
}

export type ReadFiles = (paths: readonly string[]) => Array<Buffer | undefined>;

export interface CorpusSource {
  name: string;
  repo: string;
  licence: string;
  about: string;
  /** Pages to take, with their ground truth and URL (read from the files when they hold it). */
  discover(list: (dir: string) => string[], read: ReadFiles): Array<Omit<ManifestEntry, 'corpus' | 'sha256' | 'truthSha256'>>;
  /** The page as the bench reads it (most are verbatim). */
  page(file: Buffer): Buffer;
  /** The expected article body, plain text, paragraphs on their own lines. */
  truth?(file: Buffer): string;
}

const MERGED = 'j-szulc/html-cleaning-dataset-merged';

/** A file id usable as a file name: what is not [A-Za-z0-9._-] becomes `_`. */
export function safeId(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

function baseName(p: string, ext: string): string {
  const b = p.slice(p.lastIndexOf('/') + 1);
  return b.endsWith(ext) ? b.slice(0, -ext.length) : b;
}

/** CleanEval-format pages open with `<text id="URL" ...>` (the crawl's wrapper) and may close it. */
const CLEANEVAL_WRAPPER = /^\s*<text id="([^"]*)"[^>]*>/;

function cleanEvalPage(file: Buffer): Buffer {
  const s = file.toString('latin1'); // byte-preserving: the page's own charset is left to the decoder
  const m = CLEANEVAL_WRAPPER.exec(s);
  if (m === null) return file;
  let body = s.slice(m[0].length);
  const close = body.lastIndexOf('</text>');
  if (close >= 0 && body.slice(close + 7).trim() === '') body = body.slice(0, close);
  return Buffer.from(body, 'latin1');
}

/** CleanEval gold: a `URL:` line, then text marked with <p>, <h>, <l> and entity-escaped. */
function cleanEvalTruth(file: Buffer): string {
  const text = file.toString('utf8').replace(/^\s*URL:[^\n]*\n/, '');
  return decodeEntities(text.replace(/<[^>]*>/g, '\n')).replace(/[ \t]+\n/g, '\n').replace(/\n{2,}/g, '\n').trim();
}

function cleanEvalSource(name: string, dirs: string[], about: string, licence: string): CorpusSource {
  return {
    name,
    repo: MERGED,
    licence,
    about,
    discover(list, read) {
      const out = [];
      for (const dir of dirs) {
        const pages = list(`${dir}/input`).filter((p) => p.endsWith('.html'));
        const truths = new Set(list(`${dir}/GoldStandard`));
        const heads = read(pages);
        for (const [i, p] of pages.entries()) {
          const id = (dirs.length > 1 ? `${dir.replace(/^cleaneval-/, '')}-` : '') + safeId(baseName(p, '.html'));
          const m = CLEANEVAL_WRAPPER.exec(heads[i]?.subarray(0, 2048).toString('latin1') ?? '');
          const url = m && /^https?:\/\//.test(m[1]!) ? m[1]! : `https://${name}.example/${id}.html`;
          const truthPath = `${dir}/GoldStandard/${baseName(p, '.html')}.txt`;
          out.push({ id, path: p, url, ...(truths.has(truthPath) ? { truthPath } : {}) });
        }
      }
      return out;
    },
    page: cleanEvalPage,
    truth: cleanEvalTruth,
  };
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Enough of HTML's character references for gold text (the scorer reads words only). */
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref.toLowerCase()] ?? all;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

/** Some Dragnet gold files are windows-1252, not UTF-8. */
function utf8OrWindows1252(file: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    return new TextDecoder('windows-1252').decode(file);
  }
}

const DRAGNET_COMMENTS = '!@#$%^&*()  COMMENTS';

export const SOURCES: CorpusSource[] = [
  {
    name: 'dragnet',
    repo: MERGED,
    licence: 'AGPL-3.0 (the data, per seomoz/dragnet_data README)',
    about:
      'Dragnet data set (Moz, pages collected 2012; seomoz/dragnet_data). Its HTML tarball is over the snapshot size limit, ' +
      'so pages and gold come from j-szulc/html-cleaning-dataset-merged (dragnet_data/), whose 1,381 gold files are byte-identical ' +
      "to seomoz/dragnet_data's dragnet_Corrected.tar.gz (checked). " +
      'Gold: the "Corrected" main content; the comments after the "COMMENTS" separator are not article body.',
    discover(list) {
      const truths = new Set(list('dragnet_data/GoldStandard'));
      return list('dragnet_data/input')
        .filter((p) => p.endsWith('.html'))
        .map((p) => {
          const id = safeId(baseName(p, '.html'));
          const truthPath = `dragnet_data/GoldStandard/${baseName(p, '.html')}.txt`;
          return { id, path: p, url: `https://dragnet.example/${id}.html`, ...(truths.has(truthPath) ? { truthPath } : {}) };
        });
    },
    page: (file) => file,
    truth(file) {
      const text = utf8OrWindows1252(file);
      const cut = text.indexOf(DRAGNET_COMMENTS);
      return (cut >= 0 ? text.slice(0, cut) : text).trim();
    },
  },
  cleanEvalSource(
    'cleaneval',
    ['cleaneval-dev', 'cleaneval-final'],
    'CleanEval 2007 shared task (development and final sets, web pages crawled 2006-2007, via archive.org), ' +
      'as mirrored in j-szulc/html-cleaning-dataset-merged. Pages lose the crawl wrapper <text id=URL>; gold markup <p>/<h>/<l> becomes line breaks.',
    'unknown (CleanEval shared-task data; the mirror states no licence)',
  ),
  cleanEvalSource(
    'cleanportaleval',
    ['CleanPortalEval-master'],
    'CleanPortalEval (ppke-nlpg/CleanPortalEval: news portal pages, bbc.co.uk, blogs.wsj.com, tv.msnbc.com ..., ~2013), ' +
      'as mirrored in j-szulc/html-cleaning-dataset-merged; CleanEval-format gold.',
    'unknown (the mirror states no licence)',
  ),
  {
    name: 'readability',
    repo: 'mozilla/readability',
    licence: 'Apache-2.0',
    about:
      "Readability.js's own test pages (test/test-pages/*/source.html), URL http://fakehost/test/page.html as its tests use. " +
      'No ground truth: expected.html is Readability\'s own output, not a human judgement, so the corpus is not scored.',
    discover(list) {
      return list('test/test-pages')
        .filter((p) => p.endsWith('/source.html'))
        .map((p) => ({ id: safeId(p.split('/').at(-2)!), path: p, url: 'http://fakehost/test/page.html' }));
    },
    page: (file) => file,
  },
  {
    name: 'go-trafilatura',
    repo: 'markusmobius/go-trafilatura',
    licence: 'Apache-2.0 (repository)',
    about:
      "go-trafilatura's comparison pages (test-files/comparison: BBAW multilingual collection, Polish and German news, 2010s-2020s), " +
      'URLs from scripts/comparison/data.go. Its gold is short with/without snippets, not an article body: not scored.',
    discover(list, read) {
      const dataGo = read(['scripts/comparison/data.go'])[0]?.toString('utf8') ?? '';
      const urlOf = new Map<string, string>();
      for (const m of dataGo.matchAll(/"(https?:\/\/[^"]+)":\s*\{\s*File:\s*"([^"]+)"/g)) urlOf.set(m[2]!, m[1]!);
      return list('test-files/comparison')
        .filter((p) => p.endsWith('.html'))
        .map((p) => {
          const file = p.slice('test-files/comparison/'.length);
          const id = safeId(baseName(p, '.html'));
          return { id, path: p, url: urlOf.get(file) ?? `https://go-trafilatura.example/${id}.html` };
        });
    },
    page: (file) => file,
  },
  {
    name: 'wceb-2026',
    repo: 'tiptopjaw/web-content-extraction-benchmark',
    licence: 'Apache-2.0 (release/LICENSE)',
    about:
      'Web Content Extraction Benchmark (Murrough Foley; 1,000 pages collected 2026, gold AI-generated then human-verified, ' +
      'scored like ScrapingHub): only the pages its annotation classes as article or blog (452); forum, product, listing ... pages are left out.',
    discover(list, read) {
      const truthPaths = list('benchmark/ground-truth').filter((p) => p.endsWith('.json'));
      const truths = read(truthPaths);
      const pages = new Set(list('release/html'));
      const out = [];
      for (const [i, truthPath] of truthPaths.entries()) {
        const t = JSON.parse(truths[i]!.toString('utf8')) as { url: string; file_id: string; _internal?: { page_type?: { primary?: string } } };
        const kind = t._internal?.page_type?.primary;
        const path = `release/html/${t.file_id}.html.gz`;
        if ((kind === 'article' || kind === 'blog') && pages.has(path)) out.push({ id: safeId(t.file_id), path, url: t.url, truthPath });
      }
      return out;
    },
    page: (file) => zlib.gunzipSync(file), // stored gzipped in the source
    truth: (file) => (JSON.parse(file.toString('utf8')) as { ground_truth: { main_content: string } }).ground_truth.main_content,
  },
];
