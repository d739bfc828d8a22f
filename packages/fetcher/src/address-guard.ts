/**
 * SSRF guard: decides whether an IP address may be connected to. Only public unicast addresses
 * pass, unless allow-listed. The check runs on the addresses the resolver returns (which are the
 * ones the socket then uses, so DNS rebinding between check and connect is impossible) and
 * again on the connected socket's remote address.
 */
import dns from 'node:dns';
import net, { type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { PermanentError } from '@vellum/core/errors';

type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

export interface AddressPolicy {
  /** Lower-cased host names whose addresses are not checked. */
  allowHosts: ReadonlySet<string>;
  allowCidrs: ReadonlyArray<[IpAddress, number]>;
}

/**
 * Raised inside the resolver/connector, where undici wraps it; the fetcher turns it into a
 * BlockedDestinationError (map-error.ts). Its code is in Node's style, as it travels through
 * undici's and net's error handling like theirs.
 */
export class AddressBlockedError extends PermanentError<'ERR_VELLUM_BLOCKED_ADDRESS'> {
  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly range: string,
  ) {
    super('ERR_VELLUM_BLOCKED_ADDRESS', `address ${address} of ${hostname} is in the ${range} range`);
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
 * The range an address belongs to, `unicast` meaning the public internet; `invalid` when it
 * does not parse. Every IPv6 form that embeds an IPv4 address is judged by the embedded
 * address (see embeddedIpv4): a public IPv6 prefix must not carry traffic to 127.0.0.1.
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
  // ::1 and :: lie inside ::/96 (IPv4-compatible) but are IPv6's own loopback and unspecified.
  if (range === 'loopback' || range === 'unspecified') return range;
  const embedded = embeddedIpv4(v6);
  if (embedded === null) return range;
  if (embedded.length === 0) return 'nat64LocalUse';
  for (const v4 of embedded) {
    const inner = v4.range();
    if (inner !== 'unicast') return inner;
  }
  return 'unicast';
}

/**
 * The IPv4 addresses an IPv6 address carries, or null when it is not a form that embeds one:
 *  - ::ffff:0:0/96 IPv4-mapped, ::ffff:0:0:0/96 IPv4-translated (RFC 2765/6145),
 *    ::/96 IPv4-compatible (deprecated, still routed by some stacks): the last 32 bits;
 *  - 64:ff9b::/96 NAT64 (RFC 6052) and 64:ff9b:1::/96 (RFC 8215 with a /96): the last 32 bits.
 *    Elsewhere in 64:ff9b:1::/48 the embedding depends on a prefix length only the operator
 *    knows: an empty list (blocked; the range is not globally reachable anyway);
 *  - 2002::/16 6to4 (RFC 3056): bits 16-47;
 *  - 2001::/32 Teredo (RFC 4380): the server (bits 32-63) and the client (the last 32 bits,
 *    inverted), both of which the traffic may reach.
 */
export function embeddedIpv4(v6: ipaddr.IPv6): ipaddr.IPv4[] | null {
  const p = v6.parts;
  const zero = (from: number, to: number) => p.slice(from, to).every((x) => x === 0);
  const last = () => v4Of(p[6]!, p[7]!);
  if (zero(0, 5) && p[5] === 0xffff) return [last()];
  if (zero(0, 4) && p[4] === 0xffff && p[5] === 0) return [last()];
  if (zero(0, 6)) return [last()];
  if (p[0] === 0x64 && p[1] === 0xff9b) {
    if (zero(2, 6)) return [last()];
    if (p[2] === 1) return zero(3, 6) ? [last()] : [];
    return null;
  }
  if (p[0] === 0x2002) return [v4Of(p[1]!, p[2]!)];
  if (p[0] === 0x2001 && p[1] === 0) return [v4Of(p[2]!, p[3]!), v4Of(p[6]! ^ 0xffff, p[7]! ^ 0xffff)];
  return null;
}

/** The range given to an address the guard could not classify (it is blocked). */
export const UNCLASSIFIABLE = 'unclassifiable';

/**
 * Null when the address may be connected to for this host, else the offending range. Never
 * throws: an address the guard cannot judge is blocked as `unclassifiable`.
 */
export function blockedRange(address: string, hostname: string, policy: AddressPolicy): string | null {
  try {
    if (policy.allowHosts.has(normalizeHost(hostname))) return null;
    const range = addressRange(address);
    if (range === 'unicast') return null;
    if (range !== 'invalid' && isAllowListed(address, policy)) return null;
    return range;
  } catch {
    return UNCLASSIFIABLE;
  }
}

/** The address itself is in an allowed CIDR, or every IPv4 address it embeds is. */
function isAllowListed(address: string, policy: AddressPolicy): boolean {
  const ip: IpAddress = ipaddr.parse(stripZone(address));
  const matches = (candidate: IpAddress) =>
    policy.allowCidrs.some(([net, bits]) => net.kind() === candidate.kind() && candidate.match(net, bits));
  if (matches(ip)) return true;
  const embedded = ip.kind() === 'ipv6' ? embeddedIpv4(ip as ipaddr.IPv6) : null;
  return embedded !== null && embedded.length > 0 && embedded.every((v4) => v4.range() === 'unicast' || matches(v4));
}

/**
 * A `dns.lookup`-compatible resolver that fails with AddressBlockedError when any address of
 * the name is blocked (one bad address is enough: the socket may pick any of them).
 */
export function createGuardedLookup(policy: AddressPolicy, base: LookupFunction = dns.lookup): LookupFunction {
  return ((hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    // Whatever goes wrong in here must reach the callback: a throw inside a resolver callback
    // is uncaught and ends the process. A guard failure blocks the connection, with its reason.
    let answered = false;
    const answer: LookupCallback = (error, address, family) => {
      if (answered) return;
      answered = true;
      callback(error, address, family);
    };
    const fail = (error: unknown) => answer(guardFailure(hostname, error) as never, '', 0);
    try {
      base(hostname, { ...options, all: true }, (error, result) => {
        try {
          if (error) return answer(error, '', 0);
          const all = normalizeLookupResult(result);
          for (const entry of all) {
            const range = blockedRange(entry.address, hostname, policy);
            if (range !== null) return answer(new AddressBlockedError(hostname, entry.address, range) as never, '', 0);
          }
          if (all.length === 0) {
            const notFound = Object.assign(new Error(`no addresses for ${hostname}`), { code: 'ENOTFOUND' });
            return answer(notFound, '', 0);
          }
          if (options.all) {
            answered = true;
            return (callback as unknown as AllCallback)(null, all);
          }
          const first = all[0]!;
          answer(null, first.address, first.family);
        } catch (caught) {
          fail(caught);
        }
      });
    } catch (caught) {
      fail(caught);
    }
  }) as LookupFunction;
}

/** An unexpected error inside the guard, as a block (never a crash, never a retryable failure). */
export function guardFailure(hostname: string, error: unknown): AddressBlockedError {
  const detail = error instanceof Error ? error.message : String(error);
  return new AddressBlockedError(hostname, '(unknown)', `${UNCLASSIFIABLE} (${detail})`);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string, family: number) => void;
type AllCallback = (error: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void;

function normalizeLookupResult(result: unknown): dns.LookupAddress[] {
  const entries = Array.isArray(result) ? (result as unknown[]) : [result];
  return entries.flatMap((entry): dns.LookupAddress[] => {
    const address = typeof entry === 'string' ? entry : (entry as { address?: unknown } | null)?.address;
    // Anything that is not an address string is kept as one the guard will block.
    if (typeof address !== 'string') return [{ address: String(address), family: 0 }];
    return [{ address, family: net.isIPv6(address) ? 6 : 4 }];
  });
}

/** Check a host that is already an IP literal (the resolver is never called for those). */
export function checkLiteralHost(hostname: string, policy: AddressPolicy): AddressBlockedError | null {
  try {
    const address = stripBrackets(hostname);
    if (net.isIP(address) === 0) return null;
    const range = blockedRange(address, hostname, policy);
    return range === null ? null : new AddressBlockedError(hostname, address, range);
  } catch (error) {
    return guardFailure(hostname, error);
  }
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

function v4Of(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}
