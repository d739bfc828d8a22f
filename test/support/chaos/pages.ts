/**
 * The chaos run's pages: N distinct article pages made from the real benchmark pages
 * (`../shared/bench/scrapinghub`, 181 news pages). Page n is base page n mod B with one sentence
 * unique to n added inside its longest paragraph, so every page is its own article (its own
 * content hash) while keeping a real page's markup, size and boilerplate. Bases on which the
 * pipeline gives no article, or on which the added sentence does not reach the article text,
 * are left out beforehand (found by running the pipeline here), so every page is expected to
 * end `processed`: any other outcome is a fault's doing.
 * Pages are built on request (5,000 real pages would be half a gigabyte held at once).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { processPage } from '@vellum/core';
import { startTestServer, type Route, type TestServer } from '../test-server.ts';
import { REPO_ROOT } from '../run-vellum.ts';

export function benchPagesDir(): string {
  return path.join(process.env.VELLUM_BENCH_DIR ?? path.join(REPO_ROOT, '..', 'shared', 'bench'), 'scrapinghub');
}

interface Base {
  id: string;
  /** The page as a binary string (latin1: one char per byte), split where the sentence goes. */
  head: string;
  tail: string;
}

const WORDS = 'harbour council river museum railway festival orchard ledger bridge lantern quarry meadow beacon foundry'.split(' ');

/** A sentence unique to n (ASCII, so it reads the same whatever the page's charset). */
export function dispatchSentence(n: number): string {
  const words: string[] = [];
  let x = n + 1;
  while (x > 0) {
    words.push(WORDS[x % WORDS.length]!);
    x = Math.floor(x / WORDS.length);
  }
  return ` Chaos dispatch number ${n} mentions the ${words.join(' ')}.`;
}

/** Splits the page before the end of its longest `<p>` element; undefined when it has none. */
function split(raw: string): { head: string; tail: string } | undefined {
  let best: { end: number; length: number } | undefined;
  for (const m of raw.matchAll(/<p[\s>][\s\S]*?<\/p>/gi)) {
    if (!best || m[0].length > best.length) best = { end: m.index + m[0].length - 4, length: m[0].length };
  }
  return best && { head: raw.slice(0, best.end), tail: raw.slice(best.end) };
}

function pageBytes(base: Base, n: number): Buffer {
  return Buffer.from(base.head + dispatchSentence(n) + base.tail, 'latin1');
}

function pipelineHash(bytes: Buffer, url: string): string | undefined {
  try {
    return processPage(bytes, { url, contentType: 'text/html', cleanOptions: { url } }).contentHash;
  } catch {
    return undefined;
  }
}

/**
 * The first `wanted` usable bases (all when undefined), in the data set's order, so the same
 * options give the same pages.
 */
export function loadBases(wanted?: number): Base[] {
  const dir = benchPagesDir();
  const truth = path.join(dir, 'ground-truth.json');
  if (!fs.existsSync(truth)) throw new Error(`benchmark pages not found at ${dir}: set VELLUM_BENCH_DIR to the folder holding scrapinghub/`);
  const ids = Object.keys(JSON.parse(fs.readFileSync(truth, 'utf8')) as Record<string, unknown>);
  const bases: Base[] = [];
  for (const id of ids) {
    if (wanted !== undefined && bases.length >= wanted) break;
    const raw = zlib.gunzipSync(fs.readFileSync(path.join(dir, 'html', `${id}.html.gz`))).toString('latin1');
    const parts = split(raw);
    if (!parts) continue;
    const base = { id, ...parts };
    const url = 'http://127.0.0.1/check';
    const a = pipelineHash(pageBytes(base, 0), url);
    const b = pipelineHash(pageBytes(base, 1), url);
    if (a && b && a !== b) bases.push(base);
  }
  if (bases.length === 0) throw new Error(`no usable benchmark page in ${dir}`);
  return bases;
}

export interface PageServer extends TestServer {
  urls: string[];
  /** Bases the pages were made from. */
  bases: number;
}

/** Serves pages /p/0 ... /p/<count-1> (Content-Type without a charset: the pipeline sniffs, as for a real site). */
export async function startPageServer(count: number, bases: Base[]): Promise<PageServer> {
  const route: Route = (req, res) => {
    const n = Number(new URL(req.url ?? '/', 'http://x').pathname.slice(3));
    if (!Number.isInteger(n) || n < 0 || n >= count) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html' }).end(pageBytes(bases[n % bases.length]!, n));
  };
  const routes: Record<string, Route> = {};
  for (let n = 0; n < count; n++) routes[`/p/${n}`] = route;
  const server = await startTestServer(routes);
  return { ...server, urls: Array.from({ length: count }, (_, n) => server.url(`/p/${n}`)), bases: bases.length };
}
