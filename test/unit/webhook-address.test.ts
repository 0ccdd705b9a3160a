import { createServer } from "node:http";
import { AddressInfo } from "node:net";
import { Agent, fetch } from "undici";
import {
  assertPublicAddress,
  isInternalAddress,
  publicOnlyLookup,
  refusedUrl,
} from "../../subgraphs/national/src/modules/notification/webhook-address";

/** Where a national system's webhook may point (docs/referrals.md, "Doorbells"). */
describe("webhook addresses", () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.20.0.5",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "::1",
    "fd00::1",
    "fe80::1",
    "::ffff:10.0.0.1",
    // The rest of IANA's special-purpose registries, multicast and reserved space.
    "198.18.0.1",
    "198.19.255.254",
    "192.0.2.10",
    "203.0.113.5",
    "224.0.0.251",
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    "64:ff9b::a00:1",
    "2002:a00:1::1",
    "2001:db8::1",
    "fec0::1",
    "ff02::1",
  ])("%s is internal", (ip) => {
    expect(isInternalAddress(ip)).toBe(true);
  });

  it.each(["193.0.6.139", "8.8.8.8", "2a00:1450:4001:82a::200e", "::ffff:193.0.6.139"])(
    "%s is public",
    (ip) => {
      expect(isInternalAddress(ip)).toBe(false);
    },
  );

  it("allows, in production, only HTTPS to a public host", () => {
    const refused = (url: string) => refusedUrl(new URL(url), true);
    expect(refused("https://cases.example.lt/doorbells")).toBeUndefined();
    expect(refused("https://193.0.6.139/doorbells")).toBeUndefined();
    expect(refused("http://cases.example.lt/doorbells")).toMatch(/https/);
    for (const internal of [
      "https://localhost/x",
      "https://127.0.0.1:4100/graphql",
      "https://10.0.0.7/x",
      "https://[::1]/x",
      "https://[::ffff:192.168.0.1]/x",
      "https://metadata.localhost/x",
    ]) {
      expect({ internal, refused: refused(internal) }).toEqual({
        internal,
        refused: "must be a public address, not this machine or a private network",
      });
    }
    expect(refused("https://user:secret@cases.example.lt/x")).toMatch(/user name or password/);
  });

  it("allows, while developing, HTTPS anywhere and plain HTTP to this machine only", () => {
    const refused = (url: string) => refusedUrl(new URL(url), false);
    expect(refused("http://127.0.0.1:9000/doorbells")).toBeUndefined();
    expect(refused("http://localhost:9000/doorbells")).toBeUndefined();
    expect(refused("https://cases.example.lt/doorbells")).toBeUndefined();
    expect(refused("http://cases.example.lt/doorbells")).toMatch(/plain http only to this machine/);
  });

  it("refuses, in production, an internal address literal at delivery time", () => {
    expect(() => assertPublicAddress("10.0.0.7", true)).toThrow(/internal address/);
    expect(() => assertPublicAddress("[::1]", true)).toThrow(/internal address/);
    expect(() => assertPublicAddress("193.0.6.139", true)).not.toThrow();
    expect(() => assertPublicAddress("10.0.0.7", false)).not.toThrow();
  });

  it("answers a connection's single-address and all-addresses lookups alike, refusing an internal answer", async () => {
    const single = await new Promise<{ error: Error | null; address: string }>((resolve) =>
      publicOnlyLookup("localhost", { all: false }, (error, address) =>
        resolve({ error, address: String(address) }),
      ),
    );
    expect(single.error?.message).toBe(
      "localhost resolves to an internal address; nothing is delivered there",
    );
    const all = await new Promise<Error | null>((resolve) =>
      publicOnlyLookup("localhost", { all: true }, (error) => resolve(error)),
    );
    expect(all?.message).toBe("localhost resolves to an internal address; nothing is delivered there");
  });

  it("resolves a name once, for the connection, and never connects to an internal address it resolves to", async () => {
    let connections = 0;
    const server = createServer((_req, res) => res.end("ok")).on("connection", () => connections++);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const guarded = new Agent({ connect: { lookup: publicOnlyLookup } });
    try {
      const refused = fetch(`http://localhost:${port}/doorbells`, { method: "POST", dispatcher: guarded });
      await expect(refused).rejects.toMatchObject({
        cause: { message: "localhost resolves to an internal address; nothing is delivered there" },
      });
      expect(connections).toBe(0);
      // The same request without the guard does connect: the refusal above is the guard's.
      const plain = await fetch(`http://localhost:${port}/doorbells`, { method: "POST" });
      expect(plain.status).toBe(200);
      expect(connections).toBe(1);
    } finally {
      await guarded.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
