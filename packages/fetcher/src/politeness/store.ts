/**
 * Where per-host politeness state lives: in this process (embedded mode) or in Redis (shared
 * by every worker process and machine using the same key prefix). Both implement the same
 * two primitives: a leased counting semaphore per host and an atomic claim of a start time.
 */
export interface PolitenessStore {
  /** Take one of `limit` concurrent slots for `host`; null when all are taken. Slots expire after `leaseMs`. */
  tryAcquire(host: string, limit: number, leaseMs: number): Promise<string | null>;
  release(host: string, token: string): Promise<void>;
  /**
   * Claim "now" as the start of a request to `host` if the last claimed start is at least
   * `delayMs` ago; returns 0 when claimed, else how long to wait before claiming again.
   * Claiming at the moment of starting (not booking a slot ahead) keeps the gap even when a
   * process wakes up late.
   */
  claimStart(host: string, delayMs: number): Promise<number>;
  /** Move the host's last start forward to now (a claimed start that was then delayed). */
  markStart(host: string, delayMs: number): Promise<void>;
}
