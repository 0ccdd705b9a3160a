import { decodeJwt, errors as joseErrors, jwtVerify } from "jose";
import { TOKEN_AUDIENCE } from "#schema/registry";
import { proofOfPossessionRequired } from "../config";
import { UnauthenticatedError } from "../errors";
import { boundKey } from "./dpop";
import { IssuerKeysUnavailable, TOKEN_ALGORITHM, TrustedIssuer } from "./keys";
import { Principal } from "./principal";
import { COUNTRY_ROLES, isRole, isScope, Scope } from "./roles";

/** The outcome of reading a request's `Authorization` header; never thrown, so public fields still answer. */
export type AuthResult =
  | { readonly kind: "anonymous" }
  | { readonly kind: "authenticated"; readonly principal: Principal }
  | { readonly kind: "rejected"; readonly error: UnauthenticatedError };

const reject = (reason: string): AuthResult => ({
  kind: "rejected",
  error: new UnauthenticatedError(`The bearer token was rejected: ${reason}`),
});

function describeJoseError(error: unknown): string {
  if (error instanceof IssuerKeysUnavailable) {
    return "its issuer's published keys could not be fetched; try again shortly.";
  }
  if (error instanceof joseErrors.JWTExpired) return "it has expired; request a new token.";
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return `claim '${error.claim}' is invalid (${error.reason}).`;
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed)
    return `only ${TOKEN_ALGORITHM} signatures are accepted.`;
  if (error instanceof joseErrors.JWKSNoMatchingKey) {
    return "its key id is not among the keys its issuer publishes.";
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return "its signature does not match the issuer's key.";
  }
  return "it is not a valid signed JWT.";
}

/** Why a token for another audience is refused, and which it would need. */
function wrongAudience(aud: unknown, accepted: readonly string[]): string {
  const named = [aud].flat().map(String);
  if (named.includes(TOKEN_AUDIENCE) && !accepted.includes(TOKEN_AUDIENCE)) {
    return (
      `it is for the federation, which a subgraph accepts only through the gateway; to call this subgraph ` +
      `directly, ask for a token for ${accepted.join(" or ")}.`
    );
  }
  return `it is for ${named.join(", ") || "no audience"}, not for ${accepted.join(" or ")}.`;
}

/** The token of an `Authorization: Bearer <token>` header, if it is one. */
export function bearerToken(authorization: string): string | undefined {
  return /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization.trim())?.[1];
}

/**
 * The longest a token may be valid for, from its issue to its expiry: a working day's sign-in (the
 * identity providers grant 8 hours, service credentials 5 minutes). A token that claims more is refused.
 */
export const MAX_TOKEN_LIFETIME_S = 12 * 3600;
/** How far the issuer's clock and this service's may disagree, for `iat` and `exp`. */
export const CLOCK_SKEW_S = 60;

/**
 * Verifies caller tokens against the trusted issuers' public keys. Every national subgraph does this
 * itself; nothing the gateway says about identity is believed.
 */
export function createTokenVerifier(
  trusted: ReadonlyMap<string, TrustedIssuer>,
  /** The audiences accepted when a call does not say (the federation's). */
  defaultAudiences: readonly string[] = [TOKEN_AUDIENCE],
  /** Refuse an identity provider's token that is not bound to its holder's key (`PROOF_OF_POSSESSION`). */
  requireBinding = proofOfPossessionRequired(),
) {
  return async function verify(
    authorization: string | undefined,
    audiences: readonly string[] = defaultAudiences,
  ): Promise<AuthResult> {
    if (!authorization) return { kind: "anonymous" };
    const token = bearerToken(authorization);
    if (!token) return reject("the Authorization header must be 'Bearer <token>'.");

    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      return reject("it is not a JWT.");
    }
    const trustedIssuer = issuer ? trusted.get(issuer) : undefined;
    if (!trustedIssuer) return reject(`issuer '${issuer ?? "(none)"}' is not a trusted identity provider.`);

    let claims;
    try {
      ({ payload: claims } = await jwtVerify(token, trustedIssuer.key, {
        issuer: trustedIssuer.issuer,
        audience: [...audiences],
        algorithms: [TOKEN_ALGORITHM],
        requiredClaims: ["sub", "exp", "iat"],
        // Issued in the past (give or take the skew), and not longer ago than a token may live.
        maxTokenAge: MAX_TOKEN_LIFETIME_S,
        clockTolerance: CLOCK_SKEW_S,
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === "aud") {
        return reject(wrongAudience(decodeJwt(token).aud, audiences));
      }
      return reject(describeJoseError(error));
    }
    // A national subgraph's own credential names the one service it calls, never the whole federation.
    const national = trustedIssuer.roles && trustedIssuer.country;
    if (national && [claims.aud].flat().includes(TOKEN_AUDIENCE)) {
      return reject(
        `issuer '${trustedIssuer.issuer}' is a service credential and must name the service it calls.`,
      );
    }
    if (claims.exp! - claims.iat! > MAX_TOKEN_LIFETIME_S) {
      return reject(`it is valid for longer than the ${MAX_TOKEN_LIFETIME_S / 3600} hours any token may be.`);
    }

    const { role, country, scope } = claims as Record<string, unknown>;
    if (!isRole(role)) return reject(`role '${String(role)}' is unknown.`);
    if (trustedIssuer.roles && !trustedIssuer.roles.includes(role)) {
      return reject(
        `issuer '${trustedIssuer.issuer}' is a service credential and may not issue role ${role}.`,
      );
    }
    const actsForCountry = COUNTRY_ROLES.includes(role);
    if (actsForCountry && (!trustedIssuer.country || country !== trustedIssuer.country)) {
      return reject(
        `the country claim '${String(country)}' does not match issuer '${trustedIssuer.issuer}'.`,
      );
    }
    if (!actsForCountry && (trustedIssuer.country || country !== undefined)) {
      return reject(
        `role ${role} can only be issued by the Children's Unit (or its witness), without a country.`,
      );
    }
    // A service credential's token names the one service it calls and lives minutes; a person's or a
    // national system's, from its identity provider, must be worth nothing in anyone else's hands.
    if (requireBinding && !trustedIssuer.roles && !boundKey(claims)) {
      return reject(
        "it must be bound to its holder's key (DPoP, RFC 9449): ask the identity provider for a bound token " +
          "and send a proof of the key with each request.",
      );
    }
    const scopes = typeof scope === "string" ? scope.split(" ").filter(Boolean) : [];
    const unknownScope = scopes.find((s) => !isScope(s));
    if (unknownScope) return reject(`scope '${unknownScope}' is unknown.`);
    const allowedScopes = trustedIssuer.scopes;
    const beyond = allowedScopes && scopes.find((s) => !allowedScopes.includes(s as Scope));
    if (beyond) {
      return reject(
        `issuer '${trustedIssuer.issuer}' is a service credential and may not grant scope '${beyond}'.`,
      );
    }

    return {
      kind: "authenticated",
      principal: {
        issuer: trustedIssuer.issuer,
        subject: claims.sub as string,
        role,
        ...(actsForCountry ? { country: trustedIssuer.country } : {}),
        scopes: scopes.filter(isScope),
        ...(boundKey(claims) ? { keyThumbprint: boundKey(claims) } : {}),
      },
    };
  };
}

export type TokenVerifier = ReturnType<typeof createTokenVerifier>;
