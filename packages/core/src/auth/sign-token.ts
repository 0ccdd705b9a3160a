import { SignJWT } from "jose";
import { findEnabledCountry, TOKEN_AUDIENCE } from "#schema/registry";
import { CHILDRENS_UNIT_IDP, issuerOf, loadSigner, ServiceKey, TOKEN_ALGORITHM } from "./keys";
import { COUNTRY_ROLES, Role, Scope } from "./roles";

export interface TokenRequest {
  role: Role;
  /** Required for country roles, absent for `RFP_ANALYST`. */
  country?: string;
  subject?: string;
  scopes?: readonly Scope[];
  /** jose time span, e.g. `8h`. */
  expiresIn?: string;
  /**
   * Who may accept it: the federation (through the gateway, by default); a national system that calls its
   * own subgraph directly adds that subgraph (`subgraphAudience`).
   */
  audience?: string | string[];
  /** Binds the token to the key with this thumbprint (`cnf.jkt`, DPoP): it then needs a proof of that key. */
  keyThumbprint?: string;
}

/**
 * Signs a token as the development identity provider of the issuing country (or of the Children's Unit)
 * would, with its key in `keysDir`: tokens for scripts and tests. `env` locates the issuer (`issuerOf`).
 */
export async function signToken(
  keysDir: string,
  request: TokenRequest,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const actsForCountry = COUNTRY_ROLES.includes(request.role);
  const country = request.country ? findEnabledCountry(request.country) : undefined;
  if (actsForCountry && !country) {
    throw new Error(`Role ${request.role} needs --country with an enabled country code.`);
  }
  if (!actsForCountry && request.country) throw new Error(`Role ${request.role} takes no country.`);

  const id = country ? country.code.toLowerCase() : CHILDRENS_UNIT_IDP;
  const { key, kid } = await loadSigner(keysDir, id);
  const issuer = issuerOf(id, env);
  const claims: Record<string, unknown> = { role: request.role };
  if (country) claims.country = country.code;
  if (request.scopes?.length) claims.scope = request.scopes.join(" ");
  if (request.keyThumbprint) claims.cnf = { jkt: request.keyThumbprint };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, typ: "JWT", kid })
    .setIssuer(issuer)
    .setAudience(request.audience ?? TOKEN_AUDIENCE)
    .setSubject(
      request.subject ??
        `dev-${request.role.toLowerCase()}${country ? `-${country.code.toLowerCase()}` : ""}`,
    )
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? "8h")
    .sign(key);
}

/**
 * A service's token under its own credential (a national subgraph's `NATIONAL_SYSTEM` identity, the
 * directory's witness), signed with the key in its own keys folder; a verifier accepts it only for the
 * roles that credential may carry. A national subgraph's names the one service it calls (`audience`).
 */
export async function signServiceToken(
  keysDir: string,
  credential: ServiceKey,
  claims: { role: Role; subject: string; scopes?: readonly Scope[]; expiresIn: string; audience: string },
): Promise<string> {
  const payload: Record<string, unknown> = { role: claims.role };
  if (credential.country) payload.country = credential.country;
  if (claims.scopes?.length) payload.scope = claims.scopes.join(" ");
  const { key, kid } = await loadSigner(keysDir, credential.id);
  return new SignJWT(payload)
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, typ: "JWT", kid })
    .setIssuer(credential.issuer)
    .setAudience(claims.audience)
    .setSubject(claims.subject)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn)
    .sign(key);
}
