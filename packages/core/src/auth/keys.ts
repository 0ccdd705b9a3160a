import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors as joseErrors,
  importJWK,
  JSONWebKeySet,
  JWK,
  JWTVerifyGetKey,
  KeyLike,
} from "jose";
import { DIRECTORY_SUBGRAPH, ENABLED_COUNTRIES, nationalSubgraphName, serviceIssuer } from "#schema/registry";
import { isProduction } from "../config";
import { localIdpUrl } from "../local-defaults";
import { Role, Scope } from "./roles";

/**
 * Who holds which key (docs/security.md, "Key custody"). Each service holds only its own private key and
 * the public keys it verifies with: a national subgraph its service credential, the directory its witness
 * key, the gateway its credential key. The identity providers' private keys are held by the identity
 * providers alone; locally, by the development identity provider (`npm run token`, the tests) in `idp/`.
 * People's identity providers are OpenID Connect issuers: verifiers fetch their key sets from the issuer's
 * `jwks_uri`. The services' key sets are files: a service's keys folder holds `<id>.jwks.json` key sets
 * with a `kid` per key, and its own `<id>.private.jwk.json`. This file is what the services load at run
 * time; a local federation's keys are made and rotated by scripts/federation/dev-keys.ts.
 */
export const TOKEN_ALGORITHM = "ES256";

export interface IdentityProvider {
  /** File stem: the lower-case country code, `cbss`, or a service credential such as `service-se`. */
  readonly id: string;
  readonly issuer: string;
  /** The country whose tokens this issuer signs; absent for the Children's Unit. */
  readonly country?: string;
  /** The only roles it may sign, for a service credential; a person's identity provider signs any. */
  readonly roles?: readonly Role[];
  /** The only scopes its tokens may carry, for a service credential. */
  readonly scopes?: readonly Scope[];
}

/** The Children's Unit's identity provider, which signs the RFP staff's tokens. */
export const CHILDRENS_UNIT_IDP = "cbss";

/**
 * An identity provider's issuer URL: `ISSUER_<ID>` (e.g. `ISSUER_SE`, `ISSUER_CBSS`) where a country runs
 * its own, else the local development identity provider's (`IDP_URL/<id>`).
 */
export function issuerOf(id: string, env: NodeJS.ProcessEnv = process.env): string {
  const configured = env[issuerVariable(id)]?.trim();
  if (configured) return configured;
  if (isProduction(env)) {
    throw new Error(`${issuerVariable(id)} must name the issuer URL of the identity provider '${id}'.`);
  }
  return `${localIdpUrl(env)}/${id}`;
}

export const issuerVariable = (id: string) => `ISSUER_${id.toUpperCase()}`;

/** The identity providers of people: one per enabled country, one for the Children's Unit. */
export function identityProviders(env: NodeJS.ProcessEnv = process.env): IdentityProvider[] {
  return [
    ...ENABLED_COUNTRIES.map((c) => ({
      id: c.code.toLowerCase(),
      issuer: issuerOf(c.code.toLowerCase(), env),
      country: c.code,
    })),
    { id: CHILDRENS_UNIT_IDP, issuer: issuerOf(CHILDRENS_UNIT_IDP, env) },
  ];
}

/**
 * The gateway's own key: it signs the short-lived credential that proves a subgraph request came through
 * the gateway. It is not an identity provider: no subgraph accepts it for a caller's token.
 */
export const GATEWAY_KEY_ID = "gateway";
export const GATEWAY_SERVICE = "gateway";
/**
 * The directory's witness key: it signs as `RFP_ANALYST`, with no scope, to read every country's audit
 * head. Verifiers accept nothing else from it; an analyst's reads (aggregates) are all it could do.
 */
export const WITNESS_KEY_ID = "witness";

export interface ServiceKey extends IdentityProvider {
  /** The service that holds the private key, and the name of its keys folder. */
  readonly service: string;
  readonly roles: readonly Role[];
}

export const serviceKeyId = (countryCode: string) => `service-${countryCode.toLowerCase()}`;

/** Every service's own key: the national subgraphs' service credentials, the witness, the gateway's. */
export function serviceKeys(): ServiceKey[] {
  return [
    ...ENABLED_COUNTRIES.map((c) => ({
      id: serviceKeyId(c.code),
      service: nationalSubgraphName(c),
      issuer: serviceIssuer(nationalSubgraphName(c)),
      country: c.code,
      roles: ["NATIONAL_SYSTEM"] as const,
      // What a national subgraph asks another as itself (docs/security.md, "Identity").
      scopes: ["referrals:read", "referrals:erase", "doorbells:ring"] as const,
    })),
    {
      id: WITNESS_KEY_ID,
      service: DIRECTORY_SUBGRAPH,
      issuer: serviceIssuer(DIRECTORY_SUBGRAPH),
      roles: ["RFP_ANALYST"] as const,
    },
    // Signs gateway credentials, never a caller's token: it is in no verifier's list of issuers.
    { id: GATEWAY_KEY_ID, service: GATEWAY_SERVICE, issuer: "urn:cbss-ncp:gateway", roles: [] },
  ];
}

/**
 * Where a national subgraph shows its own service token to the gateway when it forwards a caller's token,
 * so the gateway can tell a subgraph's request from a client's (trusted operations).
 */
export const SERVICE_CREDENTIAL_HEADER = "ncp-service-credential";

export function serviceKeyOf(service: string): ServiceKey {
  const key = serviceKeys().find((k) => k.service === service && k.id !== GATEWAY_KEY_ID);
  if (!key) throw new Error(`No service credential for '${service}'.`);
  return key;
}

/** Issuers whose tokens the subgraphs accept: people's identity providers and the services' credentials. */
export function trustedIssuers(env: NodeJS.ProcessEnv = process.env): IdentityProvider[] {
  return [...identityProviders(env), ...serviceKeys().filter((k) => k.roles.length)];
}

/** A key holder's published public keys: a JSON Web Key Set, newest first, each with its `kid`. */
export const jwksFile = (dir: string, id: string) => join(dir, `${id}.jwks.json`);
/** A holder's private key, in its own keys folder only. */
export const privateKeyFile = (dir: string, id: string) => join(dir, `${id}.private.jwk.json`);

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
/** A key file's JSON Web Key, or undefined where there is no such file. */
export const readJwk = (file: string) => readJson<JWK>(file);
/** A key set file's JSON Web Key Set, or undefined where there is no such file. */
export const readJwks = (file: string) => readJson<JSONWebKeySet>(file);

export interface TrustedIssuer extends IdentityProvider {
  /** Picks the issuer's published key by the token's `kid`. */
  readonly key: JWTVerifyGetKey;
}

/** An unknown `kid` makes a verifier read the key set again, at most once per this interval. */
const RELOAD_INTERVAL_MS = 1_000;

/**
 * An issuer's key set, kept in memory and read again from its file when a token names a key id it does not
 * know (the issuer rotated its key), so a rotation needs no restart.
 */
function reloadingKeySet(file: string, initial: JSONWebKeySet, reloadIntervalMs: number): JWTVerifyGetKey {
  let keys = createLocalJWKSet(initial);
  let loadedAt = Date.now();
  // Concurrent requests with the new key id wait for the same read instead of being refused meanwhile.
  let reading: Promise<void> = Promise.resolve();
  return async (header, token) => {
    try {
      return await keys(header, token);
    } catch (error) {
      if (!(error instanceof joseErrors.JWKSNoMatchingKey)) throw error;
      if (Date.now() - loadedAt >= reloadIntervalMs) {
        loadedAt = Date.now();
        // An unreadable file keeps the keys already known; the next unknown key id reads it again.
        reading = readJwks(file).then(
          (fresh) => {
            if (fresh) keys = createLocalJWKSet(fresh);
          },
          () => undefined,
        );
      }
      await reading;
      return keys(header, token);
    }
  };
}

/** An identity provider's keys could not be fetched (it is down or misconfigured); the token is not judged. */
export class IssuerKeysUnavailable extends Error {}

/**
 * An OpenID Connect issuer's key set, from the `jwks_uri` of its discovery document, fetched on first use
 * (a service starts while the identity provider is down) and kept. A token with a key id not in it makes
 * jose fetch the set again, at most once per interval (a token that arrives sooner waits for the next
 * fetch): a rotation needs no restart.
 */
function issuerKeySet(issuer: string, reloadIntervalMs: number): JWTVerifyGetKey {
  type RemoteKeySet = ReturnType<typeof createRemoteJWKSet>;
  /** Once discovered, kept for good: a failed fetch of the key set keeps the keys already known. */
  let remote: RemoteKeySet | undefined;
  let discovering: Promise<RemoteKeySet> | undefined;
  const discover = async () => {
    const response = await fetch(`${issuer}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) throw new Error(`its discovery document answered HTTP ${response.status}`);
    const discovery = (await response.json()) as { issuer?: string; jwks_uri?: string };
    if (discovery.issuer !== issuer || !discovery.jwks_uri) {
      throw new Error(`its discovery document names issuer '${discovery.issuer}' or no jwks_uri`);
    }
    // Kept until a token names a key it lacks: the keys in use stay known while the provider is down.
    return createRemoteJWKSet(new URL(discovery.jwks_uri), {
      cooldownDuration: reloadIntervalMs,
      cacheMaxAge: Infinity,
    });
  };
  const keySet = () =>
    remote
      ? Promise.resolve(remote)
      : (discovering ??= discover().then(
          (found) => (remote = found),
          (error) => {
            discovering = undefined;
            throw error;
          },
        ));
  return async (header, token) => {
    try {
      const keys = await keySet();
      try {
        return await keys(header, token);
      } catch (error) {
        // A key id it lacks, just after a fetch: wait out the interval once, then fetch again.
        if (!(error instanceof joseErrors.JWKSNoMatchingKey) || !keys.coolingDown) throw error;
        await new Promise((resolve) => setTimeout(resolve, reloadIntervalMs));
        return await keys(header, token);
      }
    } catch (error) {
      if (error instanceof joseErrors.JOSEError && !(error instanceof joseErrors.JWKSTimeout)) throw error;
      console.warn(
        `[auth] the published keys of ${issuer} could not be fetched: ${(error as Error).message}`,
      );
      throw new IssuerKeysUnavailable(`${issuer}: ${(error as Error).message}`);
    }
  };
}

/**
 * The key sets of every trusted issuer, by issuer: each identity provider's from its `jwks_uri`, each
 * service credential's from its file in the service's keys folder.
 */
export async function loadTrustedIssuers(
  dir: string,
  options: { env?: NodeJS.ProcessEnv; reloadIntervalMs?: number } = {},
): Promise<Map<string, TrustedIssuer>> {
  const { env = process.env, reloadIntervalMs = RELOAD_INTERVAL_MS } = options;
  const trusted = new Map<string, TrustedIssuer>();
  for (const provider of identityProviders(env)) {
    const other = trusted.get(provider.issuer);
    if (other) {
      throw new Error(
        `Identity providers '${other.id}' and '${provider.id}' are both given issuer ${provider.issuer}.`,
      );
    }
    trusted.set(provider.issuer, { ...provider, key: issuerKeySet(provider.issuer, reloadIntervalMs) });
  }
  for (const credential of serviceKeys().filter((k) => k.roles.length)) {
    const file = jwksFile(dir, credential.id);
    const set = await readJwks(file);
    if (set)
      trusted.set(credential.issuer, { ...credential, key: reloadingKeySet(file, set, reloadIntervalMs) });
  }
  return trusted;
}

/** A holder's current public key (the first of its key set), e.g. the gateway's for its credentials. */
export async function loadPublicKey(dir: string, id: string): Promise<KeyLike | Uint8Array> {
  const set = await readJwks(jwksFile(dir, id));
  if (!set?.keys.length) throw new Error(`No public key for '${id}' in ${dir}.`);
  return importJWK(set.keys[0], TOKEN_ALGORITHM);
}

export async function loadSigningKey(dir: string, id: string): Promise<KeyLike | Uint8Array> {
  return (await loadSigner(dir, id)).key;
}

/** A signing key and the key id its tokens name, so verifiers pick the right published key. */
export async function loadSigner(
  dir: string,
  id: string,
): Promise<{ key: KeyLike | Uint8Array; kid?: string }> {
  const jwk = await readJwk(privateKeyFile(dir, id));
  if (!jwk) throw new Error(`No private key for '${id}' in ${dir}; run npm start once to generate keys.`);
  return { key: await importJWK(jwk, TOKEN_ALGORITHM), kid: jwk.kid };
}
