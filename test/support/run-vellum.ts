/**
 * Runs the real `vellum` command: in this process (`main(argv, env)`, the default: ~2 s less per
 * call than starting node, tsx and the sources again), or in a child process as a user would
 * (`{ process: true }`) where a test needs what only a process has: exit on a signal, pino's log
 * lines on stderr (written to fd 2 directly), binary stdout, a hang to kill.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const VELLUM_BIN = path.join(REPO_ROOT, 'packages/cli/bin/vellum.js');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Kill the child after this long (child processes only). Default 60 000 ms. */
  timeoutMs?: number;
  /** Run in a child process rather than in this one. Default false. */
  process?: boolean;
}

export function runVellum(args: string[], env: Record<string, string | undefined> = {}, options: RunOptions = {}): Promise<RunResult> {
  return options.process ? runVellumProcess(args, env, options) : runVellumInProcess(args, env);
}

/** Where the writes of each in-process run go; runs may overlap (Promise.all), each keeps its own. */
const captured = new AsyncLocalStorage<{ stdout: string; stderr: string }>();
let streamsPatched = false;

function routeWritesToRuns(): void {
  if (streamsPatched) return;
  streamsPatched = true;
  for (const [stream, key] of [
    [process.stdout, 'stdout'],
    [process.stderr, 'stderr'],
  ] as const) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const run = captured.getStore();
      if (!run) return write(chunk, ...rest);
      run[key] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const done = rest.find((a) => typeof a === 'function') as (() => void) | undefined;
      if (done) queueMicrotask(done);
      return true;
    }) as typeof stream.write;
  }
}

async function runVellumInProcess(args: string[], env: Record<string, string | undefined>): Promise<RunResult> {
  routeWritesToRuns();
  const { main } = await import('../../packages/cli/src/main.ts');
  const run = { stdout: '', stderr: '' };
  const fullEnv: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'warn', ...env };
  for (const [k, v] of Object.entries(fullEnv)) if (v === undefined) delete fullEnv[k];
  const code = await captured.run(run, async () => {
    try {
      return await main(['node', 'vellum', ...args], fullEnv);
    } catch (error) {
      run.stderr += `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`;
      return 1;
    }
  });
  return { code, ...run };
}

function runVellumProcess(args: string[], env: Record<string, string | undefined>, options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VELLUM_BIN, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface RunningVellum {
  /** What it wrote to stdout so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout holds at least one whole line. */
  firstLine: Promise<void>;
  /** Resolves when it exits (killed after `timeoutMs`). */
  done: Promise<RunResult>;
}

/** Starts the real `vellum` command and returns at once, for a command that runs a while (`status --watch`). */
export function startVellum(args: string[], env: Record<string, string | undefined> = {}, options: { timeoutMs?: number } = {}): RunningVellum {
  const child = spawn(process.execPath, [VELLUM_BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let onLine: () => void = () => {};
  const firstLine = new Promise<void>((resolve) => (onLine = resolve));
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (stdout.includes('\n')) onLine();
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  const done = new Promise<RunResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      onLine();
      resolve({ code, stdout, stderr });
    });
  });
  return { stdout: () => stdout, stderr: () => stderr, firstLine, done };
}
