/**
 * Runs the `vellum` command in this process (`main(argv, env)`), capturing what it writes:
 * faster than a child process where no exit signal or hang has to be observed.
 */
import { main } from '../../src/main.ts';

export interface MainResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runMain(args: string[], env: Record<string, string | undefined>): Promise<MainResult> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += chunk.toString()), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += chunk.toString()), true)) as typeof process.stderr.write;
  try {
    const code = await main(['node', 'vellum', ...args], { LOG_LEVEL: 'silent', ...env });
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}
