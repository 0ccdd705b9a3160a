import { lookup as dnsLookup, LookupAddress } from "node:dns";
import { BlockList, isIP, LookupFunction } from "node:net";

/**
 * Where a webhook may point. A national system sits outside its country's subgraph network, so in
 * production a webhook is HTTPS to a public address: none of IANA's special-purpose addresses (this
 * machine, private networks, link-local, carrier-grade NAT, benchmarking, documentation, NAT64 and 6to4
 * relays, multicast, reserved), where a registration could otherwise probe the country's own services
 * through the subgraph. While developing, plain HTTP to this machine's loopback is allowed.
 */
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.31.196.0", 24],
  ["192.52.193.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["192.175.48.0", 24],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  INTERNAL.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48],
  ["100::", 64],
  ["2001::", 23],
  ["2001:db8::", 32],
  ["2002::", 16],
  ["3fff::", 20],
  ["5f00::", 16],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const) {
  INTERNAL.addSubnet(network, prefix, "ipv6");
}
// IPv4-mapped addresses (::ffff:0:0/96) are judged as the IPv4 address they carry: see isInternalAddress.
const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];

/** True when an IP address is inside the machine or a private network (IPv4-mapped IPv6 included). */
export function isInternalAddress(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (mapped) return INTERNAL.check(mapped, "ipv4");
  const family = isIP(ip);
  return family === 4 ? INTERNAL.check(ip, "ipv4") : family === 6 ? INTERNAL.check(ip, "ipv6") : false;
}

/** Why a webhook URL is refused, or undefined when it may be registered. */
export function refusedUrl(url: URL, production: boolean): string | undefined {
  if (url.username || url.password) return "may not carry a user name or password";
  const loopback = LOOPBACK_NAMES.includes(url.hostname);
  if (!production) {
    return url.protocol === "https:" || (url.protocol === "http:" && loopback)
      ? undefined
      : "must be https (plain http only to this machine, while developing)";
  }
  if (url.protocol !== "https:") return "must be https";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (loopback || host.endsWith(".localhost") || isInternalAddress(host)) {
    return "must be a public address, not this machine or a private network";
  }
  return undefined;
}

/** In production, refuses an address literal that is internal (the list may have grown since it was registered). */
export function assertPublicAddress(hostname: string, production: boolean): void {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (production && isIP(host) && isInternalAddress(host)) {
    throw new Error(`${hostname} is an internal address; nothing is delivered there`);
  }
}

/**
 * A name's resolution for the connection itself (net.connect's `lookup`): the addresses it connects to
 * are the ones checked, so a name cannot resolve to a public address for the check and to an internal one
 * for the connection (DNS rebinding).
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, found) => {
    if (error) return callback(error, "", 0);
    const addresses = found as unknown as LookupAddress[];
    const internal = addresses.find(({ address }) => isInternalAddress(address));
    if (internal || !addresses.length) {
      const what = internal ? "an internal address" : "no address";
      const refusal = new Error(`${hostname} resolves to ${what}; nothing is delivered there`);
      return callback(refusal as NodeJS.ErrnoException, "", 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};
