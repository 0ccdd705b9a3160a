import {
  assertPublicHost,
  isInternalAddress,
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
  ])("%s is internal", (ip) => {
    expect(isInternalAddress(ip)).toBe(true);
  });

  it.each(["193.0.6.139", "8.8.8.8", "2001:db8::1", "::ffff:193.0.6.139"])("%s is public", (ip) => {
    expect(isInternalAddress(ip)).toBe(false);
  });

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

  it("refuses, in production, a name that resolves to this machine at delivery time", async () => {
    await expect(assertPublicHost("localhost", true)).rejects.toThrow(/internal address/);
    await expect(assertPublicHost("10.0.0.7", true)).rejects.toThrow(/internal address/);
    await expect(assertPublicHost("localhost", false)).resolves.toBeUndefined();
  });
});
