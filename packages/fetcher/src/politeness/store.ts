/**
 * Where per-host politeness state lives: in this process (embedded mode) or in Redis (shared
 * by every worker process and machine using the same key prefix). Both implement the same
 * two primitives: a leased counting semaphore per host and a reservation of the next start time.
 */
export interface PolitenessStore {
  /** Take one of `limit` concurrent slots for `host`; null when all are taken. Slots expire after `leaseMs`. */
  tryAcquire(host: string, limit: number, leaseMs: number): Promise<string | null>;
  release(host: string, token: string): Promise<void>;
  /**
   * Reserve the next start time for `host`: at least `delayMs` after the previous reservation.
   * Returns how long the caller must wait before starting.
   */
  reserveStart(host: string, delayMs: number): Promise<number>;
}
