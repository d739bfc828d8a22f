/**
 * Rebuilds the parity corpora (bench/corpora/data/, gitignored) from mirrors of their public
 * repositories, at the commits pinned in bench/corpora/sources.lock.json, checking every file
 * against the sha256 in bench/corpora/manifest.tsv.
 *
 *   npx tsx bench/corpora/assemble.ts [--mirrors DIR] [--corpus a,b]
 *   npx tsx bench/corpora/assemble.ts --discover     re-select the pages from the mirrors' HEAD and
 *                                                   rewrite the manifest and the lock (then rebuild)
 *
 * A mirror is the bare git directory the search tool's `fetch github:<owner>/<name>` leaves in
 * `<mirrors>/<owner>+<name>/repo` (default mirrors dir: $VELLUM_MIRROR_DIR, else /work/.mirror).
 * Output per corpus: data/<corpus>/html/<id>.html.gz and data/<corpus>/index.json
 * (`{id: {url, articleBody?}}`, the form of ScrapingHub's ground-truth.json).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { corporaDir, dataDir, readLock, readManifest, writeLock, writeManifest, type Lock } from './manifest.ts';
import { headCommit, listFiles, mirrorGitDir, readFiles } from './git-mirror.ts';
import { SOURCES, type ManifestEntry } from './sources.ts';

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

function discover(mirrors: string, names: Set<string>, lock: Lock, manifest: ManifestEntry[]): ManifestEntry[] {
  const kept = manifest.filter((e) => !names.has(e.corpus));
  for (const source of SOURCES.filter((s) => names.has(s.name))) {
    const gitDir = mirrorGitDir(mirrors, source.repo);
    const commit = headCommit(gitDir);
    const found = source.discover(
      (dir) => listFiles(gitDir, commit, dir),
      (paths) => readFiles(gitDir, commit, paths),
    );
    const pages = readFiles(gitDir, commit, found.map((f) => f.path));
    const truths = readFiles(gitDir, commit, found.map((f) => f.truthPath ?? 'none'));
    let missing = 0;
    const ids = new Set<string>();
    for (const [i, f] of found.entries()) {
      const page = pages[i];
      if (page === undefined) {
        missing++; // over the snapshot's size limit
        continue;
      }
      if (ids.has(f.id)) throw new Error(`${source.name}: two pages with id ${f.id}`);
      ids.add(f.id);
      const truth = f.truthPath === undefined ? undefined : truths[i];
      const entry: ManifestEntry = { corpus: source.name, id: f.id, path: f.path, sha256: sha256(page), url: f.url };
      if (truth !== undefined) Object.assign(entry, { truthPath: f.truthPath, truthSha256: sha256(truth) });
      kept.push(entry);
    }
    lock[source.name] = { repo: source.repo, commit, licence: source.licence, about: source.about };
    console.log(`${source.name}: ${ids.size} pages from ${source.repo}@${commit.slice(0, 12)}${missing ? ` (${missing} absent from the snapshot)` : ''}`);
  }
  return kept;
}

function build(mirrors: string, names: Set<string>, lock: Lock, manifest: ManifestEntry[]): void {
  for (const source of SOURCES.filter((s) => names.has(s.name))) {
    const pinned = lock[source.name];
    if (pinned === undefined) throw new Error(`${source.name} is not in sources.lock.json: run with --discover`);
    const entries = manifest.filter((e) => e.corpus === source.name);
    const gitDir = mirrorGitDir(mirrors, pinned.repo);
    const pages = readFiles(gitDir, pinned.commit, entries.map((e) => e.path));
    const truths = readFiles(gitDir, pinned.commit, entries.map((e) => e.truthPath ?? 'none'));
    const out = path.join(dataDir, source.name);
    fs.rmSync(out, { recursive: true, force: true });
    fs.mkdirSync(path.join(out, 'html'), { recursive: true });
    const index: Record<string, { url: string; articleBody?: string }> = {};
    let withTruth = 0;
    for (const [i, e] of entries.entries()) {
      const page = pages[i];
      if (page === undefined || sha256(page) !== e.sha256) throw new Error(`${source.name}/${e.id}: ${e.path} at ${pinned.commit} is absent or differs from the manifest`);
      fs.writeFileSync(path.join(out, 'html', `${e.id}.html.gz`), zlib.gzipSync(source.page(page), { level: 9 }));
      index[e.id] = { url: e.url };
      if (e.truthPath !== undefined && source.truth !== undefined) {
        const truth = truths[i];
        if (truth === undefined || sha256(truth) !== e.truthSha256) throw new Error(`${source.name}/${e.id}: ${e.truthPath} absent or differs`);
        index[e.id]!.articleBody = source.truth(truth);
        withTruth++;
      }
    }
    fs.writeFileSync(path.join(out, 'index.json'), JSON.stringify(index, null, 1));
    console.log(`${source.name}: ${entries.length} pages (${withTruth} with ground truth) -> ${path.relative(process.cwd(), out)}`);
  }
}

function main(): void {
  const argv = process.argv.slice(2);
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const mirrors = get('mirrors') ?? process.env.VELLUM_MIRROR_DIR ?? '/work/.mirror';
  const names = new Set((get('corpus') ?? SOURCES.map((s) => s.name).join(',')).split(','));
  for (const n of names) if (!SOURCES.some((s) => s.name === n)) throw new Error(`unknown corpus ${n}: ${SOURCES.map((s) => s.name).join(', ')}`);
  const lock = readLock();
  let manifest = readManifest();
  if (argv.includes('--discover')) {
    manifest = discover(mirrors, names, lock, manifest);
    writeManifest(manifest);
    writeLock(lock);
    console.log(`wrote ${path.relative(process.cwd(), corporaDir)}/manifest.tsv (${manifest.length} pages) and sources.lock.json`);
  }
  build(mirrors, names, lock, manifest);
}

main();
