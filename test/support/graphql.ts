import { signDevToken, TokenRequest } from "../../subgraphs/shared/src/auth/sign-token";

export interface GraphQLResponse<TData = any> {
  data?: TData | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
}

/** Posts one GraphQL operation as a client would, with an optional bearer token or raw Authorization header. */
export async function graphql<TData = any>(
  url: string,
  query: string,
  options: { variables?: Record<string, unknown>; token?: string; authorization?: string } = {},
): Promise<GraphQLResponse<TData>> {
  const headers: Record<string, string> = { "content-type": "application/json" };
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

export function tokenFor(keysDir: string, request: TokenRequest): Promise<string> {
  return signDevToken(keysDir, request);
}
