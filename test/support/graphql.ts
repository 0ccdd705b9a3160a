import { SignJWT } from "jose";
import { TOKEN_AUDIENCE } from "#schema/registry";
import { issuerOf, loadSigningKey } from "#core";
import { TEST_ENV } from "./federation";

export interface GraphQLResponse<TData = any> {
  data?: TData | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
}

/** Posts one GraphQL operation as a client would, with an optional bearer token or raw Authorization header. */
export async function graphql<TData = any>(
  url: string,
  query: string,
  options: {
    variables?: Record<string, unknown>;
    token?: string;
    authorization?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<GraphQLResponse<TData>> {
  const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
  const authorization = options.authorization ?? (options.token ? `Bearer ${options.token}` : undefined);
  if (authorization) headers.authorization = authorization;
  const response = await fetch(url, {
    method: "POST",
    headers,
    body: JSON.stringify({ query, variables: options.variables }),
  });
  return (await response.json()) as GraphQLResponse<TData>;
}

export function errorCodes(response: GraphQLResponse): string[] {
  return (response.errors ?? []).map((e) => e.extensions?.code as string);
}

/**
 * Signs arbitrary claims with a local identity provider's key (`se` unless told), as that issuer of the
 * test federation: for tokens the token script refuses to make.
 */
export async function forgeToken(
  keysDir: string,
  claims: Record<string, unknown>,
  options: { keyId?: string; issuer?: string; iat?: number; exp?: number | string } = {},
): Promise<string> {
  const keyId = options.keyId ?? "se";
  const key = await loadSigningKey(keysDir, keyId);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "ES256" })
    .setIssuer(options.issuer ?? issuerOf(keyId, TEST_ENV))
    .setAudience(TOKEN_AUDIENCE)
    .setSubject("officer-1")
    .setIssuedAt(options.iat)
    .setExpirationTime(options.exp ?? "1h")
    .sign(key);
}
