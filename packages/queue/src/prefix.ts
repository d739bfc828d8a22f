/** The key prefix of a deployment: every BullMQ key lives under `<prefix>:<queue>:`. */

import { CREATE_QUEUES_DEFAULTS } from './defaults.ts';

export const DEFAULT_PREFIX = CREATE_QUEUES_DEFAULTS.prefix;

const PREFIX = /^[A-Za-z0-9_.{}-]{1,64}$/;

/**
 * Checks a prefix: 1-64 of letters, digits, `_ . - { }` (braces allow a Redis Cluster hash tag,
 * e.g. `{vellum}`). No ':' so that a prefix can never overlap another deployment's keys.
 */
export function checkPrefix(prefix: string): string {
  if (!PREFIX.test(prefix)) {
    throw new RangeError(`queue prefix must be 1-64 characters of A-Z a-z 0-9 _ . - { }, got ${JSON.stringify(prefix)}`);
  }
  return prefix;
}
