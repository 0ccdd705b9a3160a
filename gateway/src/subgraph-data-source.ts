import { GraphQLDataSource, GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { GraphQLError, GraphQLFormattedError } from "graphql";
import { KeyLike } from "jose";
import { STATUS_CODES } from "node:http";
import { countryOfSubgraph } from "../../schema/registry";
import {
  GATEWAY_CREDENTIAL_HEADER,
  signGatewayCredential,
} from "../../subgraphs/shared/src/auth/gateway-credential";
import { isTimeout, SubgraphPost, subgraphPost } from "./subgraph-fetcher";

export interface GatewayContext {
  /** The caller's own Authorization header, forwarded untouched: each subgraph verifies it itself. */
  authorization?: string;
  /**
   * A national subgraph's own service token, sent beside a caller's token it forwards (the header
   * `ncp-service-credential`): tells the gateway that the request comes from a subgraph, not a client.
   */
  serviceCredential?: string;
}

type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource["process"]>>;

/**
 * How the gateway asks one subgraph: it forwards the caller's token beside a credential of its own, passes
 * on what a subgraph that refused the request said, and turns a subgraph that does not answer into an
 * error that names the country, instead of a transport message.
 *
 * Apollo's `RemoteGraphQLDataSource` builds `node-fetch` requests and headers around every exchange, about
 * 0.04 ms of the gateway's CPU per subgraph request that nothing here used (docs/benchmarks.md).
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly post: SubgraphPost;

  constructor(
    private readonly subgraphName: string,
    private readonly url: string,
    timeoutMs: number,
    private readonly credentialKey: KeyLike | Uint8Array,
  ) {
    this.post = subgraphPost(timeoutMs);
  }

  async process({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      // Proves to the subgraph that this request is the gateway's; it carries no identity of its own.
      [GATEWAY_CREDENTIAL_HEADER]: await signGatewayCredential(this.credentialKey, this.subgraphName),
    };
    if (context.authorization) headers.authorization = context.authorization;
    const { query, variables, operationName, extensions } = request;
    let answer;
    try {
      answer = await this.post(
        this.url,
        headers,
        JSON.stringify({ query, variables, operationName, extensions }),
      );
    } catch (error) {
      throw this.unavailable(isTimeout(error) ? "it did not answer in time" : "it could not be reached");
    }
    const body = parseJson(answer.body);
    const ok = answer.status >= 200 && answer.status < 300;
    if (ok && body) return body;
    if (!body || answer.status >= 500) {
      throw this.unavailable(ok ? "its answer was not GraphQL" : `it answered HTTP ${answer.status}`);
    }
    // A subgraph that answered with a GraphQL error (4xx) is reporting on the request: pass on what it said
    // (a variable its scalar refused, say), not the transport's "400: Bad Request".
    throw refusalFrom(answer.status, body.errors?.[0]);
  }

  private unavailable(reason: string): GraphQLError {
    const country = countryOfSubgraph(this.subgraphName);
    const who = country ? `${country.name} (${country.code})` : `The ${this.subgraphName} service`;
    return new GraphQLError(
      `${who} is unavailable: ${reason}. Data from the other countries is unaffected.`,
      {
        extensions: {
          code: country ? "COUNTRY_UNAVAILABLE" : "SERVICE_UNAVAILABLE",
          ...(country ? { country: country.code } : { service: this.subgraphName }),
        },
      },
    );
  }
}

function parseJson(text: string): SubgraphResponse | undefined {
  try {
    const parsed = JSON.parse(text);
    return parsed !== null && typeof parsed === "object" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function refusalFrom(status: number, said: GraphQLFormattedError | undefined): GraphQLError {
  if (typeof said?.message === "string" && typeof said.extensions?.code === "string") {
    // Its code and details (`field`...), not its stack trace.
    const { stacktrace: _stacktrace, ...extensions } = said.extensions;
    return new GraphQLError(said.message, { extensions });
  }
  const code = status === 401 ? "UNAUTHENTICATED" : status === 403 ? "FORBIDDEN" : "BAD_REQUEST";
  return new GraphQLError(`${status}: ${STATUS_CODES[status] ?? "Refused"}`, { extensions: { code } });
}
