import { copyFile, mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, JWK } from "jose";
import {
  identityProviders,
  jwksFile,
  privateKeyFile,
  readJwk,
  readJwks,
  serviceKeys,
  TOKEN_ALGORITHM,
} from "#core";

/**
 * The local federation's keys, made and rotated on this machine: `npm start`, `npm run token`,
 * `npm run keys:rotate` and the tests. A keys root holds the development identity providers' keys in
 * `idp/` and a folder per service (its KEYS_DIR). No service runs this: a service only loads the keys it
 * is given (packages/core/src/auth/keys.ts); a deployment makes and hands out its own (docs/deploy.md).
 */

/** The development identity providers' folder under a local keys root. */
export const idpKeysDir = (root: string) => join(root, "idp");
/** A service's own keys folder under a local keys root (its KEYS_DIR). */
export const serviceKeysDir = (root: string, service: string) => join(root, service);

/** The single public key of the older layout, replaced by the key set. */
const legacyPublicFile = (dir: string, id: string) => join(dir, `${id}.public.jwk.json`);

/** The public half of a key, as published: no secret part, with its key id and use. */
function publicPart(jwk: JWK): JWK {
  const { kty, crv, x, y, kid } = jwk;
  return { kty, crv, x, y, kid, alg: TOKEN_ALGORITHM, use: "sig" };
}

/** A new signing key, its `kid` the RFC 7638 thumbprint of its public half. */
async function newSigningKey(): Promise<JWK> {
  const { publicKey, privateKey } = await generateKeyPair(TOKEN_ALGORITHM, { extractable: true });
  const kid = await calculateJwkThumbprint(await exportJWK(publicKey));
  return { ...(await exportJWK(privateKey)), kid, alg: TOKEN_ALGORITHM };
}

const writeSigningKey = (dir: string, id: string, jwk: JWK) =>
  writeFile(privateKeyFile(dir, id), JSON.stringify(jwk), { mode: 0o600 });

/** Puts the signing key's public half first in the holder's key set; the keys it retired stay after it. */
async function publish(dir: string, id: string, signing: JWK): Promise<void> {
  const set = (await readJwks(jwksFile(dir, id))) ?? { keys: [] };
  const keys = [publicPart(signing), ...set.keys.filter((k) => k.kid !== signing.kid)];
  await writeFile(`${jwksFile(dir, id)}.new`, JSON.stringify({ keys }, null, 2));
  await rename(`${jwksFile(dir, id)}.new`, jwksFile(dir, id));
}

async function ensureKeyPair(dir: string, id: string): Promise<void> {
  let signing = await readJwk(privateKeyFile(dir, id));
  if (!signing) {
    signing = await newSigningKey();
    await writeSigningKey(dir, id, signing);
  } else if (!signing.kid) {
    // A key of the older layout gets its RFC 7638 thumbprint as key id; its tokens had none and still verify.
    signing = { ...signing, kid: await calculateJwkThumbprint(publicPart(signing)), alg: TOKEN_ALGORITHM };
    await writeSigningKey(dir, id, signing);
  }
  const set = await readJwks(jwksFile(dir, id));
  if (!set?.keys.some((k) => k.kid === signing!.kid)) await publish(dir, id, signing);
  await rm(legacyPublicFile(dir, id), { force: true });
}

/** The folder that holds a key's private half: `idp/` for an identity provider, else its service's. */
export function holderDir(root: string, id: string): string {
  const service = serviceKeys().find((k) => k.id === id);
  if (service) return serviceKeysDir(root, service.service);
  if (identityProviders().some((p) => p.id === id)) return idpKeysDir(root);
  throw new Error(
    `'${id}' is no key of this federation; one of ${[...identityProviders(), ...serviceKeys()].map((k) => k.id).join(", ")}.`,
  );
}

/**
 * Rotates a key: a new signing key with a new `kid`, published first in the key set, while the retired
 * keys stay in it so that tokens they signed verify until they expire. Returns the new key id.
 */
export async function rotateSigningKey(root: string, id: string): Promise<string> {
  const dir = holderDir(root, id);
  const signing = await newSigningKey();
  // Published everywhere before it signs anything, so no verifier meets its key id unpublished.
  await publish(dir, id, signing);
  await publishPublicKeys(root);
  await writeSigningKey(dir, id, signing);
  return signing.kid!;
}

/**
 * Copies every service's key set from its holder into every other service's folder (public keys are not
 * secret). The identity providers' key sets are not copied: verifiers fetch them from the issuers.
 */
export async function publishPublicKeys(root: string): Promise<void> {
  const holders = serviceKeys().map((k) => ({ id: k.id, dir: serviceKeysDir(root, k.service) }));
  for (const service of new Set(serviceKeys().map((k) => k.service))) {
    const dir = serviceKeysDir(root, service);
    for (const holder of holders) {
      if (holder.dir === dir) continue;
      // Copied whole, then renamed into place, so a verifier never reads half a key set.
      await copyFile(jwksFile(holder.dir, holder.id), `${jwksFile(dir, holder.id)}.new`);
      await rename(`${jwksFile(dir, holder.id)}.new`, jwksFile(dir, holder.id));
      await rm(legacyPublicFile(dir, holder.id), { force: true });
    }
    // Copies of the identity providers' key sets, from before verifiers fetched them, are stale.
    for (const provider of identityProviders()) {
      for (const file of [jwksFile, legacyPublicFile]) await rm(file(dir, provider.id), { force: true });
    }
  }
}

/**
 * A local federation's keys under `root`: the development identity providers in `idp/`, and per service a
 * folder with its own key pair and a copy of every other service's key set. Missing keys are generated; existing ones are
 * kept so issued tokens stay valid (keys of the older single-folder layout move to their holders).
 */
export async function ensureDevKeys(root: string): Promise<void> {
  const idp = idpKeysDir(root);
  await mkdir(idp, { recursive: true, mode: 0o700 });
  // Keys of the older single-folder layout go to their holder: an identity provider's to `idp/`, the
  // gateway's to its own folder.
  const moveOld = async (id: string, to: string) => {
    for (const file of [privateKeyFile, legacyPublicFile]) {
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
  await publishPublicKeys(root);
}

/** The private keys a keys folder holds, by id (the key-custody check reads every service's folder). */
export async function privateKeyIds(dir: string): Promise<string[]> {
  const files = await readdir(dir).catch(() => [] as string[]);
  return files.filter((f) => f.endsWith(".private.jwk.json")).map((f) => f.replace(".private.jwk.json", ""));
}
