/**
 * Logging a lost connection without a flood: while Redis is down its client fails every
 * reconnection attempt (several a second) and BullMQ reports each one. The outage is logged
 * when it starts, then at most once per interval with the count of failures, and once when
 * the connection is back.
 */

export interface OutageLogger {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

export interface OutageLog {
  /** A connection attempt or command failed. */
  failure(error: unknown): void;
  /** The connection is usable again (logged only after an outage). */
  recovered(): void;
  readonly down: boolean;
}

export function createOutageLog(logger: OutageLogger, what: string, intervalMs = 30_000): OutageLog {
  let downSince: number | undefined;
  let lastLogged = 0;
  let failures = 0;
  return {
    get down() {
      return downSince !== undefined;
    },
    failure(error) {
      const now = Date.now();
      failures++;
      const reason = error instanceof Error ? error.message : String(error);
      if (downSince === undefined) {
        downSince = now;
        lastLogged = now;
        logger.warn({ what, reason }, `${what} unreachable; retrying with backoff`);
      } else if (now - lastLogged >= intervalMs) {
        lastLogged = now;
        logger.warn({ what, reason, failures, downForMs: now - downSince }, `${what} still unreachable; retrying`);
      }
    },
    recovered() {
      if (downSince === undefined) return;
      logger.info({ what, failures, downForMs: Date.now() - downSince }, `${what} reachable again`);
      downSince = undefined;
      failures = 0;
    },
  };
}
