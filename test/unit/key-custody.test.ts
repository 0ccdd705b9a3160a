import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import {
  ensureDevKeys,
  GATEWAY_KEY_ID,
  GATEWAY_SERVICE,
  identityProviders,
  idpKeysDir,
  privateKeyIds,
  serviceKeys,
  serviceKeysDir,
  trustedIssuers,
} from "../../subgraphs/shared/src/auth/keys";
import { ROOT_DIR } from "../../subgraphs/shared/src/paths";

/**
 * Key custody: every service holds only its own private key, and the public keys it verifies with. No
 * service can sign as another country, as an identity provider, or as another service.
 */
const services = [...new Set(serviceKeys().map((k) => k.service))];
const ownKey = (service: string) => serviceKeys().find((k) => k.service === service)!.id;

describe("key custody of a local federation (npm start and the tests lay keys out this way)", () => {
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "ncp-custody-"));
    await ensureDevKeys(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each(services)("%s's keys folder holds its own private key and no other", async (service) => {
    expect(await privateKeyIds(serviceKeysDir(root, service))).toEqual([ownKey(service)]);
  });

  it("holds the identity providers' private keys only in the development identity provider's folder", async () => {
    expect((await privateKeyIds(idpKeysDir(root))).sort()).toEqual(
      identityProviders()
        .map((p) => p.id)
        .sort(),
    );
  });

  it.each(services)("%s's keys folder has the public key of every trusted issuer", async (service) => {
    const dir = serviceKeysDir(root, service);
    for (const id of [...trustedIssuers().map((i) => i.id), GATEWAY_KEY_ID]) {
      expect(() => readFileSync(join(dir, `${id}.public.jwk.json`))).not.toThrow();
    }
  });

  it("moves keys of the older single-folder layout to the identity provider, so issued tokens stay valid", async () => {
    const old = mkdtempSync(join(tmpdir(), "ncp-custody-old-"));
    try {
      await ensureDevKeys(join(old, "tmp"));
      const { renameSync } = await import("node:fs");
      // The old layout: every identity provider's key pair and the gateway's, at the root.
      const made = join(old, "tmp");
      const oldKeys = [
        ...identityProviders().map((p) => [idpKeysDir(made), p.id] as const),
        [serviceKeysDir(made, GATEWAY_SERVICE), GATEWAY_KEY_ID] as const,
      ];
      for (const [dir, id] of oldKeys) {
        for (const kind of ["private", "public"])
          renameSync(join(dir, `${id}.${kind}.jwk.json`), join(old, `${id}.${kind}.jwk.json`));
      }
      rmSync(made, { recursive: true, force: true });
      const se = readFileSync(join(old, "se.private.jwk.json"), "utf8");
      const gateway = readFileSync(join(old, "gateway.private.jwk.json"), "utf8");
      await ensureDevKeys(old);
      expect(await privateKeyIds(old)).toEqual([]);
      expect(readFileSync(join(idpKeysDir(old), "se.private.jwk.json"), "utf8")).toBe(se);
      expect(
        readFileSync(join(serviceKeysDir(old, GATEWAY_SERVICE), "gateway.private.jwk.json"), "utf8"),
      ).toBe(gateway);
    } finally {
      rmSync(old, { recursive: true, force: true });
    }
  });
});

describe("key custody in docker-compose.yml", () => {
  const compose = parse(readFileSync(join(ROOT_DIR, "docker-compose.yml"), "utf8")) as {
    services: Record<string, { environment?: Record<string, string>; volumes?: string[] }>;
  };

  it.each(services)("%s mounts its own keys folder as its KEYS_DIR, and no other keys", (service) => {
    const { environment, volumes = [] } = compose.services[service];
    expect(environment!.KEYS_DIR).toBe("/run/keys");
    expect(volumes.filter((v) => v.startsWith("./keys"))).toEqual([`./keys/${service}:/run/keys:ro`]);
  });

  it("mounts no keys folder into two services", () => {
    const sources = Object.values(compose.services).flatMap((s) =>
      (s.volumes ?? []).filter((v) => v.startsWith("./keys")).map((v) => v.split(":")[0]),
    );
    expect(new Set(sources).size).toBe(sources.length);
    expect(sources).not.toContain("./keys");
  });
});
