import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { exportJWK, generateKeyPair, importJWK, JWK, KeyLike } from "jose";
import { ENABLED_COUNTRIES, CHILDRENS_UNIT_ISSUER, countryIssuer } from "../../../../schema/registry";

/**
 * Development key pairs, one per identity provider (each enabled country and the Children's Unit).
 * In production each country's public key comes from its own identity provider; the layout of the keys
 * folder (`<id>.public.jwk.json`) is the only contract.
 */
export const TOKEN_ALGORITHM = "ES256";

export interface IdentityProvider {
  /** File stem: the lower-case country code, or `cbss` for the Children's Unit. */
  readonly id: string;
  readonly issuer: string;
  /** The country whose tokens this provider signs; absent for the Children's Unit. */
  readonly country?: string;
}

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

/**
 * The gateway's own key: it signs the short-lived credential that proves a subgraph request came through
 * the gateway. It is not an identity provider: no subgraph accepts it for a caller's token.
 */
export const GATEWAY_KEY_ID = "gateway";

/** Generates the key pairs that are missing; existing keys are kept so issued tokens stay valid. */
export async function ensureDevKeys(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const id of [...identityProviders().map((p) => p.id), GATEWAY_KEY_ID]) {
    if (await readJwk(privateKeyFile(dir, id))) continue;
    const { publicKey, privateKey } = await generateKeyPair(TOKEN_ALGORITHM, { extractable: true });
    await writeFile(privateKeyFile(dir, id), JSON.stringify(await exportJWK(privateKey)), { mode: 0o600 });
    await writeFile(publicKeyFile(dir, id), JSON.stringify(await exportJWK(publicKey)));
  }
}

export interface TrustedIssuer extends IdentityProvider {
  readonly key: KeyLike | Uint8Array;
}

/** Public keys of every identity provider found in the folder, by issuer. */
export async function loadTrustedIssuers(dir: string): Promise<Map<string, TrustedIssuer>> {
  const trusted = new Map<string, TrustedIssuer>();
  for (const provider of identityProviders()) {
    const jwk = await readJwk(publicKeyFile(dir, provider.id));
    if (jwk) trusted.set(provider.issuer, { ...provider, key: await importJWK(jwk, TOKEN_ALGORITHM) });
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
