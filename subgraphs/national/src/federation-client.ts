import { GraphQLError } from "graphql";
import { CountryEntry } from "#schema/countries";
import { nationalSubgraphName } from "#schema/registry";
import {
  DPOP_HEADER,
  GATEWAY_AUDIENCE,
  Scope,
  SERVICE_CREDENTIAL_HEADER,
  serviceKeyOf,
  signServiceToken,
  subgraphAudience,
  timeLeft,
  TIMEOUT_HEADER,
} from "#core";

/** Who a subgraph asks other countries for: its caller's token and proof of possession, as they came. */
export interface Caller {
  readonly authorization?: string;
  readonly dpop?: string;
}

interface GraphQLResult<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

const SERVICE_TOKEN_TTL_S = 300;

/**
 * How a national subgraph reads what another country holds: a GraphQL request through the gateway, never
 * a shortcut to the other store. The counterpart authorizes the request itself, either as the original
 * caller (whose token is forwarded) or as this subgraph's own service identity.
 */
export class FederationClient {
  private readonly serviceTokens = new Map<string, { token: string; expiresAt: number }>();

  constructor(
    private readonly gatewayUrl: string,
    private readonly country: CountryEntry,
    private readonly keysDir: string,
    private readonly timeoutMs = 4_000,
  ) {}

  /**
   * Reads on behalf of the caller: the counterpart sees and audits the real person. `deadline` is when the
   * caller stops waiting: the gateway and the counterpart are told it, and nothing is asked after it.
   */
  async asCaller<T>(
    caller: Caller,
    query: string,
    variables: Record<string, unknown>,
    deadline?: number,
  ): Promise<T> {
    // Beside the caller's token, its own, for the gateway alone: it then knows the request comes from
    // this subgraph.
    const service = await this.currentServiceToken("referrals:read", GATEWAY_AUDIENCE);
    return this.request<T>(caller.authorization, query, variables, deadline, {
      [SERVICE_CREDENTIAL_HEADER]: service,
      // The caller's proof of possession, if its token is bound to a key: presented again, beside this
      // subgraph's credential, which the gateway accepts while the proof is fresh.
      ...(caller.dpop ? { [DPOP_HEADER]: caller.dpop } : {}),
    });
  }

  /**
   * Acts as this country's subgraph towards country `to`, e.g. to check that a referral exists before
   * answering it, or to ask a receiver to erase its copies: the token carries only the scope the call needs
   * and names `to`'s subgraph, so that no other service (nor the hub, replaying it) can use it elsewhere.
   */
  async asService<T>(
    to: CountryEntry,
    query: string,
    variables: Record<string, unknown>,
    scope: "referrals:read" | "referrals:erase" | "doorbells:ring" = "referrals:read",
    deadline?: number,
  ): Promise<T> {
    const token = await this.currentServiceToken(scope, subgraphAudience(nationalSubgraphName(to)));
    return this.request<T>(`Bearer ${token}`, query, variables, deadline);
  }

  private async currentServiceToken(scope: Scope, audience: string): Promise<string> {
    const now = Date.now();
    const key = `${scope} ${audience}`;
    const current = this.serviceTokens.get(key);
    if (current && current.expiresAt - now >= 60_000) return current.token;
    const service = nationalSubgraphName(this.country);
    const token = await signServiceToken(this.keysDir, serviceKeyOf(service), {
      role: "NATIONAL_SYSTEM",
      subject: `service:${service}`,
      scopes: [scope],
      expiresIn: `${SERVICE_TOKEN_TTL_S}s`,
      audience,
    });
    this.serviceTokens.set(key, { token, expiresAt: now + SERVICE_TOKEN_TTL_S * 1000 });
    return token;
  }

  private async request<T>(
    authorization: string | undefined,
    query: string,
    variables: Record<string, unknown>,
    deadline: number | undefined,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const waitMs = deadline === undefined ? this.timeoutMs : Math.min(this.timeoutMs, timeLeft(deadline));
    let result: GraphQLResult<T>;
    try {
      const response = await fetch(this.gatewayUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(authorization ? { authorization } : {}),
          [TIMEOUT_HEADER]: String(waitMs),
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(waitMs),
      });
      result = (await response.json()) as GraphQLResult<T>;
    } catch {
      throw new GraphQLError(
        "The federation gateway could not be reached to read the counterpart's records.",
        {
          extensions: { code: "SERVICE_UNAVAILABLE" },
        },
      );
    }
    const error = result.errors?.[0];
    if (error) {
      // The counterpart's own answer (FORBIDDEN, COUNTRY_UNAVAILABLE...) is passed on as it is.
      const { stacktrace: _stacktrace, serviceName: _serviceName, ...extensions } = error.extensions ?? {};
      throw new GraphQLError(error.message, {
        extensions: { ...extensions, code: extensions.code ?? "INTERNAL_SERVER_ERROR" },
      });
    }
    return result.data as T;
  }
}
