#!/usr/bin/env node
/**
 * Builds the installed `vellum` command: one ESM bundle of the workspace packages' TypeScript
 * sources in packages/cli/dist, npm dependencies left as imports (they stay in node_modules), each
 * command's modules in a chunk of their own so that a command loads only what it uses. Run by the
 * root `prepare` script, so `npm ci` / `npm install` build it; `npm run build` rebuilds.
 *
 * The sources stay the truth: bin/vellum.js runs them through tsx whenever dist is missing or
 * older than any source file it was built from (dist/build-info.json lists them), and the tests
 * run on the sources.
 */
import { readFileSync, readdirSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const cliDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(cliDir, '../..');
// --outdir DIR builds elsewhere (tests); --no-template skips the embedded-database template.
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag > 0 ? path.resolve(process.argv[outdirFlag + 1]) : path.join(cliDir, 'dist');
const withTemplate = !process.argv.includes('--no-template');

/** The workspace packages (bundled) and every npm dependency they declare (kept external). */
function workspaceManifests() {
  const { workspaces } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  return workspaces.map((dir) => JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8')));
}
const manifests = workspaceManifests();
const workspaceNames = new Set(manifests.map((m) => m.name));
const external = new Set();
for (const m of manifests) {
  for (const dep of Object.keys({ ...m.dependencies, ...m.peerDependencies, ...m.optionalDependencies })) {
    if (!workspaceNames.has(dep)) external.add(dep);
  }
}

/**
 * A module's `import.meta.url` must still name its source file after bundling (migrate.ts finds
 * `../migrations/` from it): rewrite it to the file's path relative to the bundle, so the
 * checkout can move.
 */
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const relative = path.relative(outdir, args.path).split(path.sep).join('/');
      return {
        contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(relative)}, import.meta.url).href`),
        loader: 'ts',
      };
    });
  },
};

/**
 * npm dependencies stay imports, resolved in node_modules at run time. Their package.json files
 * (read for version strings) are inlined instead: esbuild drops the `with { type: 'json' }` of an
 * external import, which Node requires.
 */
const keepDependenciesExternal = {
  name: 'keep-dependencies-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const parts = args.path.split('/');
      const name = args.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      if (!external.has(name) || args.path.endsWith('.json')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/**
 * The workspace packages do no work at import time (docs/architecture.md), so a module none of
 * whose exports a command uses is left out of its chunk, with its imports: `vellum ingest` does
 * not load BullMQ although @vellum/ingest imports @vellum/queue (which exports the BullMQ queues).
 */
const workspaceSources = path.join(root, path.sep);
const noSideEffects = {
  name: 'workspace-has-no-side-effects',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.skip) return undefined;
      const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { skip: true } });
      if (resolved.errors.length || resolved.external) return resolved;
      const inWorkspace = resolved.path.startsWith(workspaceSources) && !resolved.path.includes(`${path.sep}node_modules${path.sep}`) && resolved.path.endsWith('.ts');
      return inWorkspace ? { ...resolved, sideEffects: false } : resolved;
    });
  },
};

const started = Date.now();
if (existsSync(outdir)) rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: {
    main: path.join(cliDir, 'src/main.ts'),
    'pglite-template': path.join(root, 'packages/db/src/pglite-template.ts'),
    // The pipeline threads' module (packages/cli/src/pipeline-thread.ts passes it to the runner),
    // so the threads of the compiled CLI load neither tsx nor the TypeScript sources.
    'pipeline-thread': path.join(root, 'packages/ingest/src/pipeline/pipeline-thread.ts'),
  },
  // The bundle's own URL, for the modules that need it rather than their source's path (which
  // keepModuleUrls gives `import.meta.url`); left undefined when the sources run.
  define: { VELLUM_BUNDLE_URL: 'import.meta.url' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  plugins: [keepDependenciesExternal, noSideEffects, keepModuleUrls],
  chunkNames: '[name]-[hash]',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
});

// The sources this build was made from, for the bin's staleness check.
const inputs = Object.keys(result.metafile.inputs)
  .map((p) => path.relative(path.dirname(outdir), path.resolve(root, p)).split(path.sep).join('/'))
  .sort();
writeFileSync(path.join(outdir, 'build-info.json'), JSON.stringify({ builtAt: new Date().toISOString(), inputs }, null, 1) + '\n');

// The embedded database's data-directory template (packages/db/src/pglite-template.ts): a new
// home unpacks it instead of running initdb (~8 s of CPU and 600+ MB on first use).
if (withTemplate) {
  const { pgliteTemplateName, writePgliteTemplate } = await import(pathToFileURL(path.join(outdir, 'pglite-template.js')).href);
  const template = path.join(outdir, pgliteTemplateName());
  await writePgliteTemplate(`${template}.tmp`);
  renameSync(`${template}.tmp`, template);
}

const files = readdirSync(outdir).filter((f) => f.endsWith('.js'));
process.stderr.write(`vellum: built ${path.relative(root, outdir)} (${files.length} files from ${inputs.length} sources) in ${Date.now() - started} ms\n`);
