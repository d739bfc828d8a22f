/**
 * robots.txt per origin, cached with a TTL. Status handling follows RFC 9309: 2xx is parsed,
 * other 4xx mean "no rules", 429/5xx/unreachable mean "assume full disallow for now" (a
 * transient error, not cached, so the next attempt asks again).
 */
import robotsParserModule from 'robots-parser';
import type { Clock } from '@vellum/core/clock';
import { VellumError } from '@vellum/core/errors';
import { RobotsUnavailableError } from './errors.ts';

// CommonJS `module.exports = fn`: under Node's ESM loader the default import is the function,
// while the typings put it one level down.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

export interface RobotsResponse {
  status: number;
  text: string;
}

/** Fetches a robots.txt URL (following redirects itself); throws fetcher errors on failure. */
export type RobotsLoader = (robotsUrl: string) => Promise<RobotsResponse>;

export interface RobotsVerdict {
  allowed: boolean;
  robotsUrl: string;
  /** Crawl-delay for our user agent, in ms, if the file sets one. */
  crawlDelayMs: number | undefined;
}

interface Rules {
  robotsUrl: string;
  isAllowed(url: string): boolean;
  crawlDelayMs: number | undefined;
}

interface Entry {
  rules: Rules;
  expiresAt: number;
}

export interface RobotsCacheSettings {
  userAgent: string;
  ttlMs: number;
  maxEntries: number;
  /** Decides when a cached file has expired. */
  clock: Clock;
}

export class RobotsCache {
  readonly #entries = new Map<string, Entry>();
  readonly #inFlight = new Map<string, Promise<Rules>>();

  constructor(
    private readonly load: RobotsLoader,
    private readonly settings: RobotsCacheSettings,
  ) {}

  async check(url: URL): Promise<RobotsVerdict> {
    const rules = await this.#rulesFor(url.origin);
    return { allowed: rules.isAllowed(url.href), robotsUrl: rules.robotsUrl, crawlDelayMs: rules.crawlDelayMs };
  }

  async #rulesFor(origin: string): Promise<Rules> {
    const cached = this.#entries.get(origin);
    if (cached && cached.expiresAt > this.settings.clock.now()) return cached.rules;
    let pending = this.#inFlight.get(origin);
    if (!pending) {
      pending = this.#fetchRules(origin).finally(() => this.#inFlight.delete(origin));
      this.#inFlight.set(origin, pending);
    }
    return pending;
  }

  async #fetchRules(origin: string): Promise<Rules> {
    const robotsUrl = `${origin}/robots.txt`;
    let response: RobotsResponse;
    try {
      response = await this.load(robotsUrl);
    } catch (error) {
      // Blocked destinations, DNS failures, bad URLs: the page itself would fail the same way.
      if (error instanceof VellumError && error.code !== 'timeout' && error.code !== 'connection-failed') throw error;
      throw new RobotsUnavailableError(robotsUrl, error instanceof Error ? error.message : String(error), {
        cause: error,
      });
    }
    if (response.status === 429 || response.status >= 500) {
      throw new RobotsUnavailableError(robotsUrl, `HTTP ${response.status}`);
    }
    const rules = response.status >= 200 && response.status < 300 ? this.#parse(robotsUrl, response.text) : allowAll(robotsUrl);
    this.#remember(origin, rules);
    return rules;
  }

  #parse(robotsUrl: string, text: string): Rules {
    const robot = robotsParser(robotsUrl, text);
    const ua = this.settings.userAgent;
    const delay = robot.getCrawlDelay(ua);
    return {
      robotsUrl,
      // undefined means "URL not covered by this file" (other origin); the caller only asks for its own.
      isAllowed: (url) => robot.isAllowed(url, ua) !== false,
      crawlDelayMs: typeof delay === 'number' && Number.isFinite(delay) && delay > 0 ? Math.round(delay * 1000) : undefined,
    };
  }

  #remember(origin: string, rules: Rules): void {
    if (this.#entries.size >= this.settings.maxEntries) {
      // Map iteration is insertion order: drop the oldest.
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.delete(origin);
    this.#entries.set(origin, { rules, expiresAt: this.settings.clock.now() + this.settings.ttlMs });
  }
}

function allowAll(robotsUrl: string): Rules {
  return { robotsUrl, isAllowed: () => true, crawlDelayMs: undefined };
}
