import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '@vellum/core/clock';
import type { PolitenessStore } from './store.ts';

interface HostState {
  holders: Map<string, number>;
  lastStart: number;
  delayMs: number;
}

/** Politeness state of one process. */
export class MemoryPolitenessStore implements PolitenessStore {
  readonly #hosts = new Map<string, HostState>();

  constructor(private readonly clock: Clock = systemClock) {}

  async tryAcquire(host: string, limit: number, leaseMs: number): Promise<string | null> {
    const now = this.clock.now();
    const state = this.#state(host);
    for (const [token, expiry] of state.holders) if (expiry <= now) state.holders.delete(token);
    if (state.holders.size >= limit) return null;
    const token = randomUUID();
    state.holders.set(token, now + leaseMs);
    return token;
  }

  async release(host: string, token: string): Promise<void> {
    const state = this.#hosts.get(host);
    if (!state) return;
    state.holders.delete(token);
    this.#forgetIfIdle(host, state);
  }

  async claimStart(host: string, delayMs: number): Promise<number> {
    const now = this.clock.now();
    const state = this.#state(host);
    const earliest = state.lastStart + delayMs;
    if (now < earliest) return earliest - now;
    state.lastStart = now;
    state.delayMs = delayMs;
    return 0;
  }

  async markStart(host: string, delayMs: number): Promise<void> {
    const state = this.#state(host);
    state.lastStart = Math.max(state.lastStart, this.clock.now());
    state.delayMs = Math.max(state.delayMs, delayMs);
  }

  #state(host: string): HostState {
    let state = this.#hosts.get(host);
    if (!state) {
      state = { holders: new Map(), lastStart: -Infinity, delayMs: 0 };
      this.#hosts.set(host, state);
    }
    return state;
  }

  // Keeps the map from growing with every host ever seen.
  #forgetIfIdle(host: string, state: HostState): void {
    if (state.holders.size === 0 && state.lastStart + state.delayMs <= this.clock.now()) this.#hosts.delete(host);
  }
}
