import cronParser from 'cron-parser';
import { systemClock } from '@vellum/core/clock';
import { ScheduleInputError } from './errors.ts';
import type { ScheduleTiming } from '@vellum/db';

/** Shortest interval accepted. A feed polled more often than this is impolite, not fresher. */
export const MIN_EVERY_MS = 1000;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * `15m`, `1h30m`, `90s`, `1d`, `500ms`, or a number of milliseconds. Units: ms, s, m, h, d.
 */
export function parseEvery(value: string | number): number {
  const ms = typeof value === 'number' ? value : parseDuration(value.trim());
  if (ms === undefined || !Number.isSafeInteger(ms)) {
    throw new ScheduleInputError(`--every ${JSON.stringify(String(value))} is not an interval: use e.g. 15m, 1h, 1h30m, 90s or 1d`);
  }
  if (ms < MIN_EVERY_MS) throw new ScheduleInputError(`--every must be at least ${MIN_EVERY_MS} ms, got ${ms} ms`);
  return ms;
}

function parseDuration(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0;
  let rest = text.toLowerCase();
  if (rest === '') return undefined;
  while (rest !== '') {
    const match = /^(\d+)(ms|s|m|h|d)/.exec(rest);
    if (!match) return undefined;
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
    rest = rest.slice(match[0].length);
  }
  return total;
}

/**
 * Checks a cron pattern as BullMQ will read it (cron-parser: five fields, or six with seconds
 * first) and an optional IANA time zone; returns its next fire time after `now` (ms since the
 * epoch; the caller's clock, so a test can fix it).
 */
export function checkCron(pattern: string, timezone?: string, now: number = systemClock.now()): Date {
  try {
    const options = { currentDate: new Date(now), ...(timezone ? { tz: timezone } : {}) };
    return cronParser.parseExpression(pattern, options).next().toDate();
  } catch (error) {
    throw new ScheduleInputError(
      `--cron ${JSON.stringify(pattern)}${timezone ? ` with time zone ${timezone}` : ''} is not valid (${(error as Error).message}): ` +
        'use five fields "minute hour day-of-month month day-of-week", e.g. "*/15 * * * *"',
    );
  }
}

/** Builds the timing from CLI-style options: exactly one of every and cron. */
export function timingFrom(input: { every?: string | number | undefined; cron?: string | undefined; timezone?: string | undefined }): ScheduleTiming {
  const hasEvery = input.every !== undefined && input.every !== '';
  const hasCron = input.cron !== undefined && input.cron.trim() !== '';
  if (hasEvery === hasCron) throw new ScheduleInputError('give exactly one of --every (e.g. 15m) or --cron (e.g. "*/15 * * * *")');
  if (hasEvery) {
    if (input.timezone) throw new ScheduleInputError('--timezone applies to --cron only');
    return { everyMs: parseEvery(input.every!) };
  }
  const cron = input.cron!.trim();
  checkCron(cron, input.timezone);
  return input.timezone ? { cron, timezone: input.timezone } : { cron };
}

/** `900000` -> `15m`, `5400000` -> `1h30m`: how the CLI shows an interval. */
export function formatEvery(ms: number): string {
  let rest = ms;
  let out = '';
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  if (rest > 0 || out === '') out += `${rest}ms`;
  return out;
}
