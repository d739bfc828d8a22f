/**
 * Reads files out of a bare git directory brought by the search tool's `fetch`
 * (`<mirrors>/<owner>+<name>/repo`), at a pinned commit, in one `git cat-file --batch` per call:
 * a corpus is thousands of small files and one git process per file would take minutes.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function mirrorGitDir(mirrors: string, repo: string): string {
  const base = path.join(mirrors, repo.replace('/', '+'), 'repo');
  const gitDir = fs.existsSync(path.join(base, '.git')) ? path.join(base, '.git') : base;
  if (!fs.existsSync(path.join(gitDir, 'HEAD'))) {
    throw new Error(`no mirror of ${repo} at ${base}: bring it with the search tool's fetch (github:${repo})`);
  }
  return gitDir;
}

function git(gitDir: string, args: string[], input?: string | Buffer): Buffer {
  const r = spawnSync('git', ['--git-dir', gitDir, ...args], { input, maxBuffer: 2 ** 31 - 1 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr.toString().trim()}`);
  return r.stdout;
}

export function headCommit(gitDir: string): string {
  return git(gitDir, ['rev-parse', 'HEAD']).toString().trim();
}

/** Paths of the blobs under `dir` at `commit` (including blobs whose content the snapshot lacks). */
export function listFiles(gitDir: string, commit: string, dir: string): string[] {
  const out = git(gitDir, ['ls-tree', '-r', '-z', '--name-only', commit, '--', dir]).toString('utf8');
  return out.split('\0').filter(Boolean);
}

/**
 * The contents of `paths` at `commit`, in order; undefined for a path whose blob the snapshot
 * lacks (files of 4 MiB and more, Git LFS content).
 */
export function readFiles(gitDir: string, commit: string, paths: readonly string[]): Array<Buffer | undefined> {
  if (paths.length === 0) return [];
  for (const p of paths) if (p.includes('\n')) throw new Error(`path with a newline: ${JSON.stringify(p)}`);
  const out = git(gitDir, ['cat-file', '--batch'], paths.map((p) => `${commit}:${p}\n`).join(''));
  const files: Array<Buffer | undefined> = [];
  let at = 0;
  for (let i = 0; i < paths.length; i++) {
    const eol = out.indexOf(10, at);
    const header = out.subarray(at, eol).toString('utf8');
    at = eol + 1;
    const m = /^[0-9a-f]{40} blob (\d+)$/.exec(header);
    if (m === null) {
      files.push(undefined); // "<name> missing": not in the snapshot
      continue;
    }
    const size = Number(m[1]);
    files.push(out.subarray(at, at + size));
    at += size + 1;
  }
  return files;
}
