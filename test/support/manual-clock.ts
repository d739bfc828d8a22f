/**
 * A clock that tests move instead of waiting on the wall clock. A `sleep(ms)` does not wait
 * for real time: sleepers are woken one per macrotask, earliest wake-up first, and the time
 * jumps to that wake-up. Waking one per macrotask (not all at once, not in a microtask) lets
 * the woken code finish its turn, and sockets and timers run between wake-ups, so a polling
 * loop cannot starve I/O. The time only moves forward, so "at least N ms apart" means what it
 * means with a real clock, while the waits themselves take no wall time.
 */
import type { Clock } from '@vellum/core/clock';

export interface ManualClock extends Clock {
  /** Move the time forward by `ms` without anyone sleeping (a cache TTL passing). */
  advance(ms: number): void;
  /** Every `sleep` asked for, in order. */
  readonly sleeps: number[];
}

interface Sleeper {
  at: number;
  wake: () => void;
}

export function manualClock(start = Date.UTC(2026, 0, 1)): ManualClock {
  let time = start;
  const sleeps: number[] = [];
  const sleepers: Sleeper[] = [];
  let scheduled = false;

  const wakeNext = (): void => {
    scheduled = false;
    sleepers.sort((a, b) => a.at - b.at);
    const next = sleepers.shift();
    if (!next) return;
    time = Math.max(time, next.at);
    next.wake();
    schedule();
  };
  const schedule = (): void => {
    if (scheduled || sleepers.length === 0) return;
    scheduled = true;
    setImmediate(wakeNext);
  };

  return {
    now: () => time,
    sleep: (ms) =>
      new Promise<void>((wake) => {
        sleeps.push(ms);
        sleepers.push({ at: time + Math.max(0, ms), wake });
        schedule();
      }),
    advance: (ms) => {
      time += ms;
    },
    sleeps,
  };
}
