/**
 * The dependency rules of docs/architecture.md, checked on the sources (issue 15 item 6): a rule
 * broken by a change fails here, in CI, instead of in a review months later.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SERVICES = ['@vellum/worker', '@vellum/api', '@vellum/scheduler'] as const;
const LIBRARIES = ['core', 'db', 'queue', 'fetcher', 'ingest'] as const;

/**
 * Imports that break "no service imports another", accepted for a while. The test fails when
 * one disappears, so this list only ever shrinks. Empty since @vellum/ingest (issue 15 item 1).
 */
const KNOWN_SERVICE_IMPORTS = new Set<string>([]);

interface SourceFile {
  path: string;
  text: string;
  imports: string[];
}

function sourcesUnder(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|mts|mjs|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        const text = readFileSync(full, 'utf8');
        out.push({ path: relative(ROOT, full), text, imports: importsOf(text) });
      }
    }
  };
  walk(join(ROOT, dir));
  return out;
}

/** Module specifiers of static imports, re-exports and dynamic `import('…')` calls. */
export function importsOf(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]/g)) found.push(m[1]!);
  for (const m of text.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) found.push(m[1]!);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]!);
  return found;
}

const packageName = (specifier: string): string =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;

const libraries = LIBRARIES.flatMap((p) => sourcesUnder(`packages/${p}/src`));
const services = ['worker', 'api', 'scheduler'].flatMap((s) => sourcesUnder(`services/${s}/src`).map((f) => ({ ...f, service: `@vellum/${s}` })));
const everything = [...libraries, ...services, ...sourcesUnder('packages/cli/src')];

describe('architecture rules', () => {
  it('finds the sources it checks (the walk is not empty)', () => {
    expect(libraries.length).toBeGreaterThan(50);
    expect(services.length).toBeGreaterThan(30);
    expect(importsOf("import a from 'x';\nexport { b } from \"y\";\nconst c = await import('z');")).toEqual(['x', 'y', 'z']);
  });

  it('library packages never import a service or the CLI', () => {
    const broken = libraries.flatMap((f) =>
      f.imports.filter((i) => [...SERVICES, '@vellum/cli'].includes(packageName(i) as never)).map((i) => `${f.path} -> ${i}`),
    );
    expect(broken).toEqual([]);
  });

  it('no service imports another service, nor the CLI', () => {
    const found = services.flatMap((f) =>
      f.imports
        .map(packageName)
        .filter((p) => (p !== f.service && (SERVICES as readonly string[]).includes(p)) || p === '@vellum/cli')
        .map((p) => `${f.service} -> ${p}`),
    );
    const unique = [...new Set(found)].sort();
    expect(unique.filter((v) => !KNOWN_SERVICE_IMPORTS.has(v)), 'new service-to-service imports').toEqual([]);
    expect([...KNOWN_SERVICE_IMPORTS].filter((v) => !unique.includes(v)), 'fixed: remove from KNOWN_SERVICE_IMPORTS').toEqual([]);
  });

  it('core imports no I/O library and does no I/O', () => {
    const io = /^(node:)?(fs|fs\/promises|net|tls|http|https|http2|dgram|dns|child_process|worker_threads|cluster)$|^(pg|ioredis|bullmq|undici|@electric-sql\/pglite|pino)$/;
    const core = libraries.filter((f) => f.path.startsWith('packages/core/'));
    const broken = core.flatMap((f) => f.imports.filter((i) => io.test(i) || io.test(packageName(i))).map((i) => `${f.path} -> ${i}`));
    expect(broken).toEqual([]);
  });

  it('SQL is written only in packages/db', () => {
    const sql = /\.query\s*(<[^>]*>)?\s*\(|\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\s+[\w*(]/;
    const broken = everything.filter((f) => !f.path.startsWith('packages/db/') && sql.test(f.text)).map((f) => f.path);
    expect(broken).toEqual([]);
  });

  it('queues are named only in packages/queue (no string literal queue names elsewhere)', () => {
    const literal = /new\s+(Queue|Worker|QueueEvents|FlowProducer)\s*(<[^>]*>)?\s*\(\s*['"`]/;
    const broken = everything.filter((f) => !f.path.startsWith('packages/queue/') && literal.test(f.text)).map((f) => f.path);
    expect(broken).toEqual([]);
  });

  it('only the CLI, the composition root, reads the environment', () => {
    const broken = [...libraries, ...services].filter((f) => /process\.env\b/.test(f.text)).map((f) => f.path);
    expect(broken).toEqual([]);
  });

  it("the Dockerfile copies every workspace's manifest (its dependency layer installs them all)", () => {
    const workspaces: string[] = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).workspaces;
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect(workspaces.filter((w) => !dockerfile.includes(`COPY ${w}/package.json ${w}/`))).toEqual([]);
  });

  it('db, queue and fetcher load only small entries of core (its subpaths, or types), never the pipeline', () => {
    const light = libraries.filter((f) => /^packages\/(db|queue|fetcher)\//.test(f.path));
    const broken = light.flatMap((f) =>
      [...f.text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'@vellum\/core'/gm)].map(() => `${f.path} -> @vellum/core`),
    );
    expect(broken).toEqual([]);
  });
});
