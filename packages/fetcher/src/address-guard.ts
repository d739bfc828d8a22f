/**
 * SSRF guard: decides whether an IP address may be connected to. Only public unicast addresses
 * pass, unless allow-listed. The check runs on the addresses the resolver returns (which are the
 * ones the socket then uses, so DNS rebinding between check and connect is impossible) and
 * again on the connected socket's remote address.
 */
import dns from 'node:dns';
import net, { type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

export interface AddressPolicy {
  /** Lower-cased host names whose addresses are not checked. */
  allowHosts: ReadonlySet<string>;
  allowCidrs: ReadonlyArray<[IpAddress, number]>;
}

/** Raised inside the resolver/connector; the fetcher turns it into a BlockedDestinationError. */
export class AddressBlockedError extends Error {
  readonly code = 'ERR_VELLUM_BLOCKED_ADDRESS';
  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(`address ${address} of ${hostname} is in the ${range} range`);
    this.name = 'AddressBlockedError';
  }
}

export function createAddressPolicy(allowHosts: readonly string[], allowCidrs: readonly string[]): AddressPolicy {
  const cidrs = allowCidrs.map((cidr) => {
    try {
      return ipaddr.parseCIDR(cidr.includes('/') ? cidr : `${cidr}/${net.isIPv6(cidr) ? 128 : 32}`);
    } catch (error) {
      throw new RangeError(`fetcher option allowCidrs: ${JSON.stringify(cidr)} is not an address or CIDR range`, {
        cause: error,
      });
    }
  });
  return { allowHosts: new Set(allowHosts.map((h) => h.toLowerCase())), allowCidrs: cidrs };
}

/**
 * The range an address belongs to, `unicast` meaning the public internet. IPv6 forms that embed
 * an IPv4 address (mapped, NAT64, 6to4) are judged by the embedded address.
 */
export function addressRange(address: string): string {
  let ip: IpAddress;
  try {
    ip = ipaddr.parse(stripZone(address));
  } catch {
    return 'invalid';
  }
  if (ip.kind() === 'ipv4') return ip.range();
  const v6 = ip as ipaddr.IPv6;
  const range = v6.range();
  if (range === 'ipv4Mapped' || range === 'rfc6145') return v6.toIPv4Address().range();
  if (range === 'rfc6052') return embeddedV4(v6.parts[6]!, v6.parts[7]!).range();
  if (range === '6to4') return embeddedV4(v6.parts[1]!, v6.parts[2]!).range();
  return range;
}

/** Null when the address may be connected to for this host, else the offending range. */
export function blockedRange(address: string, hostname: string, policy: AddressPolicy): string | null {
  if (policy.allowHosts.has(normalizeHost(hostname))) return null;
  const range = addressRange(address);
  if (range === 'unicast') return null;
  if (range !== 'invalid' && isAllowListed(address, policy)) return null;
  return range;
}

function isAllowListed(address: string, policy: AddressPolicy): boolean {
  let ip: IpAddress = ipaddr.parse(stripZone(address));
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  return policy.allowCidrs.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits));
}

/**
 * A `dns.lookup`-compatible resolver that fails with AddressBlockedError when any address of
 * the name is blocked (one bad address is enough: the socket may pick any of them).
 */
export function createGuardedLookup(policy: AddressPolicy, base: LookupFunction = dns.lookup): LookupFunction {
  return ((hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    base(hostname, { ...options, all: true }, (error, result) => {
      if (error) return callback(error, '', 0);
      const all = normalizeLookupResult(result);
      for (const entry of all) {
        const range = blockedRange(entry.address, hostname, policy);
        if (range !== null) return callback(new AddressBlockedError(hostname, entry.address, range) as never, '', 0);
      }
      if (all.length === 0) {
        const notFound = Object.assign(new Error(`no addresses for ${hostname}`), { code: 'ENOTFOUND' });
        return callback(notFound, '', 0);
      }
      if (options.all) return (callback as unknown as AllCallback)(null, all);
      const first = all[0]!;
      callback(null, first.address, first.family);
    });
  }) as LookupFunction;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string, family: number) => void;
type AllCallback = (error: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void;

function normalizeLookupResult(result: unknown): dns.LookupAddress[] {
  if (Array.isArray(result)) return result as dns.LookupAddress[];
  if (typeof result === 'string') return [{ address: result, family: net.isIPv6(result) ? 6 : 4 }];
  return [];
}

/** Check a host that is already an IP literal (the resolver is never called for those). */
export function checkLiteralHost(hostname: string, policy: AddressPolicy): AddressBlockedError | null {
  const address = stripBrackets(hostname);
  if (net.isIP(address) === 0) return null;
  const range = blockedRange(address, hostname, policy);
  return range === null ? null : new AddressBlockedError(hostname, address, range);
}

export function normalizeHost(hostname: string): string {
  return stripBrackets(hostname).toLowerCase().replace(/\.$/, '');
}

function stripBrackets(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

function stripZone(address: string): string {
  const i = address.indexOf('%');
  return i === -1 ? address : address.slice(0, i);
}

function embeddedV4(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}
