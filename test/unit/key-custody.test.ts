import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportJWK, generateKeyPair, importJWK, JWK, SignJWT } from "jose";
import { parse } from "yaml";
import { TOKEN_AUDIENCE } from "#schema/registry";
import {
  createTokenVerifier,
  GATEWAY_KEY_ID,
  GATEWAY_SERVICE,
  identityProviders,
  issuerOf,
  loadTrustedIssuers,
  ROOT_DIR,
  serviceKeys,
} from "#core";
import { ensureDevKeys, idpKeysDir, privateKeyIds, serviceKeysDir } from "../../scripts/federation/dev-keys";
import { identityProvidersFor, STANDALONE_IDP_ENV } from "../support/federation";

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

  it.each(services)(
    "%s's keys folder has every service's key set, and none of an identity provider (fetched from the issuer)",
    async (service) => {
      const dir = serviceKeysDir(root, service);
      for (const { id } of serviceKeys()) {
        expect(() => readFileSync(join(dir, `${id}.jwks.json`))).not.toThrow();
      }
      for (const { id } of identityProviders()) {
        expect(() => readFileSync(join(dir, `${id}.jwks.json`))).toThrow();
      }
    },
  );

  it("moves keys of the older single-folder layout to their holders; tokens they signed still verify", async () => {
    const old = mkdtempSync(join(tmpdir(), "ncp-custody-old-"));
    try {
      // The old layout: one key pair per identity provider and the gateway's, at the root, without key ids.
      const oldKeys = new Map<string, JWK>();
      for (const id of [...identityProviders().map((p) => p.id), GATEWAY_KEY_ID]) {
        const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
        const secret = await exportJWK(privateKey);
        oldKeys.set(id, secret);
        writeFileSync(join(old, `${id}.private.jwk.json`), JSON.stringify(secret));
        writeFileSync(join(old, `${id}.public.jwk.json`), JSON.stringify(await exportJWK(publicKey)));
      }
      const issued = await new SignJWT({ role: "NCP_OFFICER", country: "SE" })
        .setProtectedHeader({ alg: "ES256" })
        .setIssuer(issuerOf("se", STANDALONE_IDP_ENV))
        .setAudience(TOKEN_AUDIENCE)
        .setSubject("issued-before-the-upgrade")
        .setIssuedAt()
        .setExpirationTime("1h")
        .sign(await importJWK(oldKeys.get("se")!, "ES256"));

      await ensureDevKeys(old);
      expect(await privateKeyIds(old)).toEqual([]);
      const moved = (dir: string, id: string) =>
        JSON.parse(readFileSync(join(dir, `${id}.private.jwk.json`), "utf8"));
      expect(moved(idpKeysDir(old), "se")).toMatchObject({ d: oldKeys.get("se")!.d });
      expect(moved(serviceKeysDir(old, GATEWAY_SERVICE), GATEWAY_KEY_ID)).toMatchObject({
        d: oldKeys.get(GATEWAY_KEY_ID)!.d,
      });
      // Sweden's identity provider publishes the moved key; Sweden's subgraph verifies with it.
      const providers = await identityProvidersFor(idpKeysDir(old));
      try {
        const verify = createTokenVerifier(
          await loadTrustedIssuers(serviceKeysDir(old, "national-se"), { env: STANDALONE_IDP_ENV }),
        );
        expect(await verify(`Bearer ${issued}`)).toMatchObject({ kind: "authenticated" });
      } finally {
        await providers.stop();
      }
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
