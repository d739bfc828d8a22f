/**
 * Opening the embedded database makes V8 compile WebAssembly with its baseline compiler only
 * (embedded-wasm.ts: ~70 MB less peak memory per command). Checked through V8's own test
 * functions (--allow-natives-syntax) in a child process: after `ctx.db()` on an embedded home, a
 * hot WebAssembly function is never optimized. With Postgres (DATABASE_URL) nothing changes.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_URL, dropSchema, uniqueSchema } from './support/postgres-schema.ts';
import { REPO_ROOT } from './support/run-vellum.ts';

const run = promisify(execFile);
const cliSources = path.join(REPO_ROOT, 'packages/cli/src');

/**
 * The child: opens the database of `env` through the CLI context, then runs a small WebAssembly
 * loop until V8 optimizes it (a tiny tiering budget makes that quick) or WAIT_MS pass. It prints
 * whether the function ended optimized (TurboFan).
 */
const child = `
import { register } from 'tsx/esm/api';
register();
const { createContext } = await import(${JSON.stringify(path.join(cliSources, 'context.ts'))});
const { loadConfig } = await import(${JSON.stringify(path.join(cliSources, 'config.ts'))});
const ctx = createContext(loadConfig(process.env));
await ctx.db();
// (func (export "f") (param i32) (result i32) (loop: i32 sum of 0..n)), compiled after the database opened.
const bytes = new Uint8Array([0,97,115,109,1,0,0,0,1,6,1,96,1,127,1,127,3,2,1,0,7,5,1,1,102,0,0,10,27,1,25,1,1,127,3,64,32,1,32,0,106,33,1,32,0,65,1,107,34,0,13,0,11,32,1,11]);
const { f } = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
const until = Date.now() + Number(process.env.WAIT_MS);
while (Date.now() < until && !%IsTurboFanFunction(f)) {
  f(10000);
  await new Promise((resolve) => setTimeout(resolve, 5));
}
process.stdout.write(JSON.stringify({ optimized: %IsTurboFanFunction(f) }));
await ctx.close();
`;

describe('the embedded database and WebAssembly compilation', () => {
  let tmp: string;
  let script: string;

  beforeAll(async () => {
    // Inside the checkout (.tmp is ignored by git), so the child finds tsx in node_modules.
    await fs.mkdir(path.join(REPO_ROOT, '.tmp'), { recursive: true });
    tmp = await fs.mkdtemp(path.join(REPO_ROOT, '.tmp', 'vellum-wasm-'));
    script = path.join(tmp, 'child.mjs');
    await fs.writeFile(script, child);
  });

  afterAll(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  /** `waitMs`: how long the child gives V8 to optimize (it stops as soon as V8 has). */
  async function optimizedAfterOpening(env: Record<string, string>, waitMs: number): Promise<boolean> {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', WAIT_MS: String(waitMs), ...env };
    if (!('DATABASE_URL' in env)) delete childEnv.DATABASE_URL;
    const { stdout } = await run(process.execPath, ['--allow-natives-syntax', '--wasm-tiering-budget=1000', script], { env: childEnv, cwd: tmp });
    return (JSON.parse(stdout) as { optimized: boolean }).optimized;
  }

  it('compiles with Liftoff only once the embedded database is open', async () => {
    // With Postgres (below) this takes well under a second; 3 s without it is a clear no.
    expect(await optimizedAfterOpening({ VELLUM_HOME: path.join(tmp, 'home') }, 3_000)).toBe(false);
  }, 60_000);

  it('leaves the optimizing compiler on with Postgres', async () => {
    const schema = uniqueSchema('cli_wasm');
    try {
      // A generous wait: a loaded machine may take long to run V8's background compiler.
      expect(await optimizedAfterOpening({ DATABASE_URL: POSTGRES_URL, VELLUM_DB_SCHEMA: schema }, 30_000)).toBe(true);
    } finally {
      await dropSchema(schema);
    }
  }, 60_000);
});
