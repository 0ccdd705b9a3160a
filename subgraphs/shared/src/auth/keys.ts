import { copyFile, mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { exportJWK, generateKeyPair, importJWK, JWK, KeyLike } from "jose";
import {
  CHILDRENS_UNIT_ISSUER,
  countryIssuer,
  DIRECTORY_SUBGRAPH,
  ENABLED_COUNTRIES,
  nationalSubgraphName,
  serviceIssuer,
} from "../../../../schema/registry";
import { Role, Scope } from "./roles";

/**
 * Who holds which key (docs/security.md, "Key custody"). Each service holds only its own private key and
 * the public keys it verifies with: a national subgraph its service credential, the directory its witness
 * key, the gateway its credential key. The identity providers' private keys are held by the identity
 * providers alone; locally, by the development identity provider (`npm run token`, the tests) in `idp/`.
 * In production each issuer's public keys come from the issuer; the layout of a service's keys folder
 * (`<id>.public.jwk.json`, and its own `<id>.private.jwk.json`) is the only contract.
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

/** The identity providers of people: one per enabled country, one for the Children's Unit. */
export function identityProviders(): IdentityProvider[] {
  return [
    ...ENABLED_COUNTRIES.map((c) => ({
      id: c.code.toLowerCase(),
      issuer: countryIssuer(c),
      country: c.code,
    })),
    { id: "cbss", issuer: CHILDRENS_UNIT_ISSUER },
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
      scopes: ["referrals:read", "referrals:erase"] as const,
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

export function serviceKeyOf(service: string): ServiceKey {
  const key = serviceKeys().find((k) => k.service === service && k.id !== GATEWAY_KEY_ID);
  if (!key) throw new Error(`No service credential for '${service}'.`);
  return key;
}

/** Issuers whose tokens the subgraphs accept: people's identity providers and the services' credentials. */
export function trustedIssuers(): IdentityProvider[] {
  return [...identityProviders(), ...serviceKeys().filter((k) => k.roles.length)];
}

/** The development identity providers' folder under a local keys root. */
export const idpKeysDir = (root: string) => join(root, "idp");
/** A service's own keys folder under a local keys root (its KEYS_DIR). */
export const serviceKeysDir = (root: string, service: string) => join(root, service);

const publicKeyFile = (dir: string, id: string) => join(dir, `${id}.public.jwk.json`);
const privateKeyFile = (dir: string, id: string) => join(dir, `${id}.private.jwk.json`);

async function readJwk(file: string): Promise<JWK | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

async function ensureKeyPair(dir: string, id: string): Promise<void> {
  const existing = await readJwk(privateKeyFile(dir, id));
  if (existing) {
    // A public key lost or never moved is the private key without its secret part.
    if (!(await readJwk(publicKeyFile(dir, id)))) {
      const { d: _secret, ...publicJwk } = existing;
      await writeFile(publicKeyFile(dir, id), JSON.stringify(publicJwk));
    }
    return;
  }
  const { publicKey, privateKey } = await generateKeyPair(TOKEN_ALGORITHM, { extractable: true });
  await writeFile(privateKeyFile(dir, id), JSON.stringify(await exportJWK(privateKey)), { mode: 0o600 });
  await writeFile(publicKeyFile(dir, id), JSON.stringify(await exportJWK(publicKey)));
}

/**
 * A local federation's keys under `root`: the development identity providers in `idp/`, and per service a
 * folder with its own key pair and a copy of every public key. Missing keys are generated; existing ones
 * are kept so issued tokens stay valid (keys of the older single-folder layout move into `idp/`).
 */
export async function ensureDevKeys(root: string): Promise<void> {
  const idp = idpKeysDir(root);
  await mkdir(idp, { recursive: true, mode: 0o700 });
  // Keys of the older single-folder layout go to their holder: an identity provider's to `idp/`, the
  // gateway's to its own folder.
  const moveOld = async (id: string, to: string) => {
    for (const file of [privateKeyFile, publicKeyFile]) {
      if ((await readJwk(file(root, id))) && !(await readJwk(file(to, id)))) {
        await rename(file(root, id), file(to, id));
      }
    }
  };
  for (const { id } of identityProviders()) {
    await moveOld(id, idp);
    await ensureKeyPair(idp, id);
  }
  const keys = serviceKeys();
  for (const key of keys) {
    const dir = serviceKeysDir(root, key.service);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await moveOld(key.id, dir);
    await ensureKeyPair(dir, key.id);
  }
  const publicKeys = [
    ...identityProviders().map((p) => publicKeyFile(idp, p.id)),
    ...keys.map((k) => publicKeyFile(serviceKeysDir(root, k.service), k.id)),
  ];
  for (const service of new Set(keys.map((k) => k.service))) {
    const dir = serviceKeysDir(root, service);
    for (const file of publicKeys) {
      const target = join(dir, file.slice(file.lastIndexOf("/") + 1));
      if (target !== file) await copyFile(file, target);
    }
  }
}

export interface TrustedIssuer extends IdentityProvider {
  readonly key: KeyLike | Uint8Array;
}

/** Public keys of every trusted issuer found in the folder, by issuer. */
export async function loadTrustedIssuers(dir: string): Promise<Map<string, TrustedIssuer>> {
  const trusted = new Map<string, TrustedIssuer>();
  for (const issuer of trustedIssuers()) {
    const jwk = await readJwk(publicKeyFile(dir, issuer.id));
    if (jwk) trusted.set(issuer.issuer, { ...issuer, key: await importJWK(jwk, TOKEN_ALGORITHM) });
  }
  return trusted;
}

export async function loadPublicKey(dir: string, id: string): Promise<KeyLike | Uint8Array> {
  const jwk = await readJwk(publicKeyFile(dir, id));
  if (!jwk) throw new Error(`No public key for '${id}' in ${dir}.`);
  return importJWK(jwk, TOKEN_ALGORITHM);
}

export async function loadSigningKey(dir: string, id: string): Promise<KeyLike | Uint8Array> {
  const jwk = await readJwk(privateKeyFile(dir, id));
  if (!jwk) throw new Error(`No private key for '${id}' in ${dir}; run npm start once to generate keys.`);
  return importJWK(jwk, TOKEN_ALGORITHM);
}

/** The private keys a keys folder holds, by id (the key-custody check reads every service's folder). */
export async function privateKeyIds(dir: string): Promise<string[]> {
  const files = await readdir(dir).catch(() => [] as string[]);
  return files.filter((f) => f.endsWith(".private.jwk.json")).map((f) => f.replace(".private.jwk.json", ""));
}
