/**
 * The in-process politeness state and the gate on a manual clock: the same properties the
 * Redis store's tests check on Redis's clock (cross-process.test.ts), in clock time, so no
 * test waits for a delay or a lease to pass. No server, no Redis: a unit test.
 */
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../test/support/manual-clock.ts';
import { PolitenessGate } from '../src/politeness/gate.ts';
import { MemoryPolitenessStore } from '../src/politeness/memory-store.ts';
import type { PolitenessStore } from '../src/politeness/store.ts';

describe('MemoryPolitenessStore', () => {
  it('caps concurrent slots and frees a slot whose holder never released it once the lease ends', async () => {
    const clock = manualClock();
    const store = new MemoryPolitenessStore(clock);
    expect(await store.tryAcquire('example.org', 1, 200)).not.toBeNull();
    clock.advance(199);
    expect(await store.tryAcquire('example.org', 1, 200)).toBeNull();
    clock.advance(1);
    const afterLease = await store.tryAcquire('example.org', 1, 200);
    expect(afterLease).not.toBeNull();
    await store.release('example.org', afterLease!);
    expect(await store.tryAcquire('example.org', 1, 200)).not.toBeNull();
  });

  it('grants a start only once the delay since the last start has passed; a late start moves it forward', async () => {
    const clock = manualClock();
    const store = new MemoryPolitenessStore(clock);
    expect(await store.claimStart('example.org', 300)).toBe(0);
    clock.advance(100);
    expect(await store.claimStart('example.org', 300)).toBe(200);
    clock.advance(200);
    expect(await store.claimStart('example.org', 300)).toBe(0);
    clock.advance(310);
    await store.markStart('example.org', 300);
    expect(await store.claimStart('example.org', 300)).toBe(300);
  });
});

describe('PolitenessGate', () => {
  it('spaces the starts of concurrent requests to one host by the delay, in clock time', async () => {
    const clock = manualClock();
    const store = new MemoryPolitenessStore(clock);
    const starts: number[] = [];
    // Records the clock time of each granted claim: the start the gate lets a request make.
    const recording: PolitenessStore = {
      tryAcquire: (host, limit, leaseMs) => store.tryAcquire(host, limit, leaseMs),
      release: (host, token) => store.release(host, token),
      markStart: (host, delayMs) => store.markStart(host, delayMs),
      claimStart: async (host, delayMs) => {
        const wait = await store.claimStart(host, delayMs);
        if (wait === 0) starts.push(clock.now());
        return wait;
      },
    };
    const gate = new PolitenessGate(recording, { perHostConcurrency: 8, globalConcurrency: 8, leaseMs: 60_000, clock });
    const leaves = await Promise.all([1, 2, 3, 4].map(() => gate.enter('example.org', 250)));
    await Promise.all(leaves.map((leave) => leave()));
    expect(starts).toHaveLength(4);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(250);
      expect(gap).toBeLessThan(2 * 250);
    }
  });
});
