/**
 * The undici Agent every request goes through. Its connector resolves names with the guarded
 * lookup and re-checks the socket's remote address once connected, so no connection to a
 * blocked address survives, whatever the URL said or DNS answered.
 */
import type { LookupFunction } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { AddressBlockedError, blockedRange, createGuardedLookup, guardFailure, type AddressPolicy } from './address-guard.ts';
import { timedLookup, watchFetchFacts } from './fetch-facts.ts';

export interface DispatcherSettings {
  policy: AddressPolicy;
  lookup: LookupFunction | undefined;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyIdleTimeoutMs: number;
}

export function createGuardedAgent(settings: DispatcherSettings): Agent {
  watchFetchFacts();
  const connector = buildConnector({
    timeout: settings.connectTimeoutMs,
    lookup: timedLookup(createGuardedLookup(settings.policy, settings.lookup)),
  } as buildConnector.BuildOptions);

  const guardedConnect: buildConnector.connector = (options, callback) => {
    try {
      return connector(options, (error, socket) => {
        if (error || !socket) return callback(error ?? new Error('connect failed without a socket'), null);
        const address = socket.remoteAddress;
        // blockedRange never throws; an address it cannot judge comes back blocked.
        const range = address === undefined ? 'unknown' : blockedRange(address, options.hostname, settings.policy);
        if (range !== null) {
          socket.destroy();
          return callback(new AddressBlockedError(options.hostname, address ?? '(unknown)', range), null);
        }
        callback(null, socket);
      });
    } catch (caught) {
      // A synchronous throw from the connector (e.g. from a lookup) must block, not crash.
      callback(guardFailure(options.hostname, caught), null);
    }
  };

  return new Agent({
    connect: guardedConnect,
    headersTimeout: settings.headersTimeoutMs,
    bodyTimeout: settings.bodyIdleTimeoutMs,
    // One connection pool per origin is fine; politeness limits concurrency before dispatch.
    keepAliveTimeout: 4_000,
  });
}
