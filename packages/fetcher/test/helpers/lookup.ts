/**
 * A fake resolver for tests: maps host names to fixed addresses so "a name that resolves to a
 * private address" can be tested without real DNS. Unknown names fail like NXDOMAIN.
 */
import type { LookupAddress, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';

export function mapLookup(table: Record<string, string | string[]>, calls: string[] = []): LookupFunction {
  return ((hostname: string, options: LookupOptions, callback: (...args: unknown[]) => void) => {
    calls.push(hostname);
    const entry = table[hostname];
    setImmediate(() => {
      if (entry === undefined) {
        const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
        return callback(error);
      }
      const all: LookupAddress[] = (Array.isArray(entry) ? entry : [entry]).map((address) => ({
        address,
        family: address.includes(':') ? 6 : 4,
      }));
      if (options.all) return callback(null, all);
      callback(null, all[0]!.address, all[0]!.family);
    });
  }) as LookupFunction;
}
