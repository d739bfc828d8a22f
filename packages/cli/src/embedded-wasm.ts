/**
 * How V8 compiles the embedded database (PGlite: Postgres as a 9 MB WebAssembly module).
 *
 * By default V8 compiles it twice: every function with its baseline compiler (Liftoff), then the
 * ones that run often again with its optimizing compiler (TurboFan), on background threads while
 * the command runs. For a CLI command that runs a handful of queries, the optimized code never
 * pays back: measured on PGlite 0.5.16 (Node 20.20), opening an existing home and running one
 * query peaks at ~190 MB RSS and ~0.75 s of CPU with both compilers, ~120 MB and ~0.3 s with
 * Liftoff only; 300 inserts of 3.6 KB and 50 ILIKE scans then took less CPU in total, not more
 * (README.md, "The embedded database").
 */
import v8 from 'node:v8';

let applied = false;

/**
 * Makes V8 compile WebAssembly with Liftoff only, from now on, for the whole process. Call it
 * before the embedded database is opened (PGlite compiles its module when it is created).
 * Postgres (node-postgres) users never call it.
 */
export function compileWasmForShortRuns(): void {
  if (applied) return;
  applied = true;
  v8.setFlagsFromString('--liftoff-only');
}
