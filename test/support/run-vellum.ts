/** Runs the real `vellum` command in a child process, as a user would. */
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

export function runVellum(args: string[], env: Record<string, string | undefined> = {}, options: { timeoutMs?: number } = {}): Promise<RunResult> {
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
