/** A lost Redis connection is logged when it starts, at most once per interval, and when it ends. */
import { describe, expect, it } from 'vitest';
import { createOutageLog } from '../src/index.ts';

function recorder() {
  const lines: Array<{ level: string; message: string; fields: Record<string, unknown> }> = [];
  return {
    lines,
    warn: (fields: object, message: string) => void lines.push({ level: 'warn', message, fields: fields as Record<string, unknown> }),
    info: (fields: object, message: string) => void lines.push({ level: 'info', message, fields: fields as Record<string, unknown> }),
  };
}

describe('createOutageLog', () => {
  it('logs a burst of failures once, then the recovery once', () => {
    const log = recorder();
    const outage = createOutageLog(log, 'Redis (queues)', 60_000);
    outage.recovered(); // nothing to report before an outage
    for (let i = 0; i < 500; i++) outage.failure(new Error('connect ECONNREFUSED 127.0.0.1:6390'));
    expect(outage.down).toBe(true);
    outage.recovered();
    outage.recovered();
    expect(log.lines.map((l) => [l.level, l.message])).toEqual([
      ['warn', 'Redis (queues) unreachable; retrying with backoff'],
      ['info', 'Redis (queues) reachable again'],
    ]);
    expect(log.lines[0]!.fields.reason).toBe('connect ECONNREFUSED 127.0.0.1:6390');
    expect(log.lines[1]!.fields.failures).toBe(500);
    expect(outage.down).toBe(false);
  });

  it('repeats while the outage lasts, once per interval, with the count', async () => {
    const log = recorder();
    const outage = createOutageLog(log, 'Redis', 50);
    outage.failure(new Error('down'));
    outage.failure(new Error('down'));
    await new Promise((r) => setTimeout(r, 60));
    outage.failure(new Error('down'));
    outage.failure(new Error('down'));
    expect(log.lines.map((l) => l.message)).toEqual(['Redis unreachable; retrying with backoff', 'Redis still unreachable; retrying']);
    expect(log.lines[1]!.fields.failures).toBe(3);
  });
});
