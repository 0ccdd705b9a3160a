import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/**
 * Where a webhook may point. A national system sits outside its country's subgraph network, so in
 * production a webhook is HTTPS to a public address: not the subgraph's own machine, a private network,
 * link-local or carrier-grade NAT ranges, where a registration could otherwise probe the country's own
 * services through the subgraph. While developing, plain HTTP to this machine's loopback is allowed.
 */
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
] as const) {
  INTERNAL.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
] as const) {
  INTERNAL.addSubnet(network, prefix, "ipv6");
}
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

/** In production, refuses a host that resolves (now) to an internal address; checked before each delivery. */
export async function assertPublicHost(hostname: string, production: boolean): Promise<void> {
  if (!production) return;
  const host = hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true });
  if (addresses.some(({ address }) => isInternalAddress(address))) {
    throw new Error(`${hostname} resolves to an internal address; nothing is delivered there`);
  }
}
