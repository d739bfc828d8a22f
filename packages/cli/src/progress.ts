/** A progress bar on stderr for long work; silent when stderr is not a terminal or n < 2. */
import cliProgress from 'cli-progress';
import { terminalText } from './terminal-text.ts';

export interface Progress {
  tick(label?: string): void;
  stop(): void;
}

export function startProgress(total: number, title: string): Progress {
  if (total < 2 || !process.stderr.isTTY) return { tick() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${title} [{bar}] {value}/{total} {percentage}% | eta {eta_formatted} | {label}`,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { label: '' });
  return {
    tick(given = '') {
      const label = terminalText(given, { singleLine: true });
      bar.increment(1, { label: label.length > 40 ? `${label.slice(0, 39)}…` : label });
    },
    stop() {
      bar.stop();
    },
  };
}
