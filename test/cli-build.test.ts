/**
 * The compiled `vellum` (packages/cli/scripts/build.mjs) and the bin that chooses between it and
 * the sources: the build runs, `--help` in it imports only the CLI's own light modules, and the
 * bin never runs a build older than a source file.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, VELLUM_BIN } from './support/run-vellum.ts';
import { POSTGRES_URL, dropSchema, uniqueSchema } from './support/postgres-schema.ts';

const run = promisify(execFile);

/** The bare imports `file` and the chunks it imports statically load at start. */
async function staticImports(dir: string, file: string, seen = new Set<string>()): Promise<Set<string>> {
  const found = new Set<string>();
  if (seen.has(file)) return found;
  seen.add(file);
  const source = await fs.readFile(path.join(dir, file), 'utf8');
  for (const m of source.matchAll(/^import\s[^'"]*?["']([^"']+)["'];?$/gms)) {
    const spec = m[1]!;
    if (spec.startsWith('./')) for (const s of await staticImports(dir, spec.slice(2), seen)) found.add(s);
    else found.add(spec);
  }
  return found;
}

describe('the compiled CLI', () => {
  let tmp: string;
  let out: string;

  beforeAll(async () => {
    // Inside the checkout (.tmp is ignored by git), so the bundle finds node_modules.
    await fs.mkdir(path.join(REPO_ROOT, '.tmp'), { recursive: true });
    tmp = await fs.mkdtemp(path.join(REPO_ROOT, '.tmp', 'vellum-build-'));
    out = path.join(tmp, 'dist');
    await run(process.execPath, [path.join(REPO_ROOT, 'packages/cli/scripts/build.mjs'), '--outdir', out, '--no-template'], { cwd: REPO_ROOT });
  }, 120_000);

  afterAll(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('starts with commander, pino and zod only: every command module is loaded on use', async () => {
    const imports = [...(await staticImports(out, 'main.js'))].filter((s) => !s.startsWith('node:')).sort();
    expect(imports).toEqual(['commander', 'pino', 'zod']);
    // ingest does not load the reference DOM (jsdom) nor, through @vellum/db, the Postgres client.
    const ingest = (await fs.readdir(out)).find((f) => f.startsWith('ingest-') && f.endsWith('.js'))!;
    const ingestImports = await staticImports(out, ingest);
    expect(ingestImports).not.toContain('jsdom');
    expect(ingestImports).not.toContain('pg');
  });

  it('runs --help and --version', async () => {
    const runner = path.join(tmp, 'run.mjs');
    await fs.writeFile(runner, `const { main } = await import(${JSON.stringify(path.join(out, 'main.js'))});\nprocess.exitCode = await main(process.argv);\n`);
    const help = await run(process.execPath, [runner, '--help'], { cwd: REPO_ROOT });
    expect(help.stdout).toContain('ingest [options] <inputs...>');
    const version = await run(process.execPath, [runner, '--version'], { cwd: REPO_ROOT });
    expect(version.stdout.trim()).toBe('0.1.0');
  });

  it('runs the pipeline threads on its own bundle (dist/pipeline-thread.js), not on the sources through tsx', async () => {
    // The thread's bundle loads neither tsx nor jsdom.
    const threadImports = await staticImports(out, 'pipeline-thread.js');
    expect([...threadImports].filter((s) => s.startsWith('tsx') || s === 'jsdom')).toEqual([]);
    // Each Worker the compiled CLI starts is logged with its entry (a preload wraps the class).
    const log = path.join(tmp, 'workers.log');
    const hook = path.join(tmp, 'log-workers.mjs');
    await fs.writeFile(
      hook,
      [
        "import { appendFileSync } from 'node:fs';",
        "import { createRequire, syncBuiltinESMExports } from 'node:module';",
        "const threads = createRequire(import.meta.url)('node:worker_threads');",
        'const Original = threads.Worker;',
        `threads.Worker = class extends Original { constructor(entry, options) { appendFileSync(${JSON.stringify(log)}, String(entry) + '\\n'); super(entry, options); } };`,
        'syncBuiltinESMExports();',
      ].join('\n'),
    );
    const runner = path.join(tmp, 'run.mjs');
    await fs.writeFile(runner, `const { main } = await import(${JSON.stringify(path.join(out, 'main.js'))});\nprocess.exitCode = await main(process.argv);\n`);
    const schema = uniqueSchema('cli_build');
    const page = path.join(REPO_ROOT, 'examples', (await fs.readdir(path.join(REPO_ROOT, 'examples'))).find((f) => f.endsWith('.html'))!);
    try {
      const env = { ...process.env, DATABASE_URL: POSTGRES_URL, VELLUM_DB_SCHEMA: schema, LOG_LEVEL: 'warn' };
      const ingest = await run(process.execPath, ['--import', hook, runner, 'ingest', '--json', page], { cwd: REPO_ROOT, env });
      const { summary } = JSON.parse(ingest.stdout) as { summary: { stored: number } };
      expect(summary.stored).toBe(1);
    } finally {
      await dropSchema(schema);
    }
    const entries = (await fs.readFile(log, 'utf8')).trim().split('\n');
    expect(entries).toEqual([pathToFileURL(path.join(out, 'pipeline-thread.js')).href]);
  }, 60_000);

  it('lists the sources it was built from, for the staleness check', async () => {
    const info = JSON.parse(await fs.readFile(path.join(out, 'build-info.json'), 'utf8')) as { inputs: string[] };
    const sources = info.inputs.map((p) => path.resolve(tmp, p));
    expect(sources).toContain(path.join(REPO_ROOT, 'packages/cli/src/main.ts'));
    expect(sources).toContain(path.join(REPO_ROOT, 'packages/db/src/migrate.ts'));
  });
});

describe('the vellum bin', () => {
  let tmp: string;

  /** A package laid out like packages/cli, whose "build" and "sources" say which one ran. */
  async function fakePackage(): Promise<string> {
    const dir = await fs.mkdtemp(path.join(tmp, 'pkg-'));
    await fs.mkdir(path.join(dir, 'bin'));
    await fs.mkdir(path.join(dir, 'src'));
    await fs.mkdir(path.join(dir, 'dist'));
    await fs.copyFile(VELLUM_BIN, path.join(dir, 'bin/vellum.js'));
    await fs.symlink(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    await fs.writeFile(path.join(dir, 'package.json'), '{"type": "module"}\n');
    const says = (what: string): string => `export async function main() { process.stdout.write(${JSON.stringify(what)}); return 0; }\n`;
    await fs.writeFile(path.join(dir, 'src/main.ts'), says('sources'));
    await fs.writeFile(path.join(dir, 'dist/main.js'), says('compiled'));
    const past = new Date(Date.now() - 60_000);
    await fs.utimes(path.join(dir, 'src/main.ts'), past, past);
    await fs.writeFile(path.join(dir, 'dist/build-info.json'), JSON.stringify({ inputs: ['src/main.ts'] }));
    return dir;
  }

  async function runBin(dir: string, env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    if (!('VELLUM_FROM_SOURCE' in env)) delete childEnv.VELLUM_FROM_SOURCE;
    return run(process.execPath, [path.join(dir, 'bin/vellum.js')], { env: childEnv });
  }

  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'vellum-bin-'));
  });

  afterAll(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('runs the build when it is newer than every source it lists', async () => {
    const dir = await fakePackage();
    expect(await runBin(dir)).toEqual({ stdout: 'compiled', stderr: '' });
  });

  it('runs the sources, and says so, when a source changed after the build', async () => {
    const dir = await fakePackage();
    await fs.utimes(path.join(dir, 'src/main.ts'), new Date(), new Date(Date.now() + 5_000));
    const { stdout, stderr } = await runBin(dir);
    expect(stdout).toBe('sources');
    expect(stderr).toMatch(/src\/main\.ts is newer than the build.*npm run build/s);
  });

  it('runs the sources when there is no build, or with VELLUM_FROM_SOURCE=1', async () => {
    const dir = await fakePackage();
    expect((await runBin(dir, { VELLUM_FROM_SOURCE: '1' })).stdout).toBe('sources');
    await fs.rm(path.join(dir, 'dist'), { recursive: true });
    expect(await runBin(dir)).toEqual({ stdout: 'sources', stderr: '' });
  });

  it('is what npx vellum and node_modules/.bin/vellum run', async () => {
    expect(await fs.realpath(path.join(REPO_ROOT, 'node_modules/.bin/vellum'))).toBe(await fs.realpath(VELLUM_BIN));
  });
});
