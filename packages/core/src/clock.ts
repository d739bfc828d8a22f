/**
 * The time source of code that waits or compares against "now" (politeness delays, robots.txt
 * expiry, schedule timing). Injected through options so tests can move time themselves instead
 * of sleeping on the wall clock. A subpath export (`@vellum/core/clock`): loading it must not
 * load the rest of core.
 */
import { setTimeout as wait } from 'node:timers/promises';

export interface Clock {
  /** Milliseconds since the epoch, like `Date.now()`. */
  now(): number;
  /** Resolve after `ms` milliseconds of this clock's time. */
  sleep(ms: number): Promise<void>;
}

/** The real clock: `Date.now()` and a timer. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => wait(Math.max(0, ms)),
};
