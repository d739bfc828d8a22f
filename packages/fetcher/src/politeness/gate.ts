/**
 * The politeness gate every request passes: a per-host concurrency slot, then a claimed start
 * time at least the host delay (per-host delay, raised by Crawl-delay) after the host's last
 * start, then a global concurrency slot. The global slot comes last so requests waiting out a
 * host delay do not hold it; if getting it took a while, the host's start is moved to the real one.
 */
import type { Clock } from '@vellum/core/clock';
import { Semaphore } from './semaphore.ts';
import type { PolitenessStore } from './store.ts';

export interface GateSettings {
  perHostConcurrency: number;
  globalConcurrency: number;
  /** How long a host slot is held at most if its holder dies without releasing it. */
  leaseMs: number;
  /** Times the waits; the claimed start times themselves come from the store. */
  clock: Clock;
}

export class PolitenessGate {
  readonly #global: Semaphore;

  constructor(
    private readonly store: PolitenessStore,
    private readonly settings: GateSettings,
  ) {
    this.#global = new Semaphore(settings.globalConcurrency);
  }

  /** Wait until a request to `host` may start; call the returned function when it is done. */
  async enter(host: string, delayMs: number): Promise<() => Promise<void>> {
    const token = await this.#acquireHostSlot(host);
    let releaseGlobal: (() => void) | undefined;
    try {
      await this.#claimStart(host, delayMs);
      const claimedAt = this.settings.clock.now();
      releaseGlobal = await this.#global.acquire();
      if (this.settings.clock.now() - claimedAt > 5) await this.store.markStart(host, delayMs);
    } catch (error) {
      await this.store.release(host, token);
      throw error;
    }
    return async () => {
      releaseGlobal?.();
      await this.store.release(host, token);
    };
  }

  async #claimStart(host: string, delayMs: number): Promise<void> {
    for (;;) {
      const wait = await this.store.claimStart(host, delayMs);
      if (wait <= 0) return;
      await this.settings.clock.sleep(wait + 1);
    }
  }

  async #acquireHostSlot(host: string): Promise<string> {
    // Polling keeps the Redis scheme simple (no pub/sub); backoff keeps it cheap.
    let pause = 20;
    for (;;) {
      const token = await this.store.tryAcquire(host, this.settings.perHostConcurrency, this.settings.leaseMs);
      if (token !== null) return token;
      await this.settings.clock.sleep(pause + Math.random() * pause);
      pause = Math.min(pause * 2, 500);
    }
  }
}
