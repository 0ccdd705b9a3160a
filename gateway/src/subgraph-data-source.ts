import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from "@apollo/gateway";
import { FetcherResponse } from "@apollo/utils.fetcher";
import { GraphQLError } from "graphql";
import { KeyLike } from "jose";
import { countryOfSubgraph } from "../../schema/registry";
import {
  GATEWAY_CREDENTIAL_HEADER,
  signGatewayCredential,
} from "../../subgraphs/shared/src/auth/gateway-credential";
import { isTimeout, subgraphFetcher } from "./subgraph-fetcher";

export interface GatewayContext {
  /** The caller's own Authorization header, forwarded untouched: each subgraph verifies it itself. */
  authorization?: string;
  /**
   * A national subgraph's own service token, sent beside a caller's token it forwards (the header
   * `ncp-service-credential`): tells the gateway that the request comes from a subgraph, not a client.
   */
  serviceCredential?: string;
}

/**
 * The gateway's only extension point toward subgraphs: it forwards the caller's token and turns an
 * unreachable national subgraph into an error that names the country, instead of a transport message.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraphName: string,
    url: string,
    timeoutMs: number,
    private readonly credentialKey: KeyLike | Uint8Array,
  ) {
    super({ url, fetcher: subgraphFetcher(timeoutMs) });
  }

  override async willSendRequest({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    if (context.authorization) request.http?.headers.set("authorization", context.authorization);
    // Proves to the subgraph that this request is the gateway's; it carries no identity of its own.
    request.http?.headers.set(
      GATEWAY_CREDENTIAL_HEADER,
      await signGatewayCredential(this.credentialKey, this.subgraphName),
    );
  }

  override didEncounterError(error: Error, _request: unknown, response?: FetcherResponse): void {
    // A subgraph that answered with a GraphQL error (4xx) is reporting on the request: pass on what it said
    // (a variable its scalar refused, say), not the transport's "400: Bad Request".
    if (response && response.status < 500) {
      const said = (error as GraphQLError).extensions?.response as
        | { body?: { errors?: Array<{ message?: unknown; extensions?: Record<string, unknown> }> } }
        | undefined;
      const first = said?.body?.errors?.[0];
      if (typeof first?.message === "string" && typeof first.extensions?.code === "string") {
        // Its code and details (`field`...), not its stack trace.
        const { stacktrace: _stacktrace, ...extensions } = first.extensions;
        throw new GraphQLError(first.message, { extensions });
      }
      throw error;
    }
    const country = countryOfSubgraph(this.subgraphName);
    const who = country ? `${country.name} (${country.code})` : `The ${this.subgraphName} service`;
    const reason = isTimeout(error) ? "it did not answer in time" : "it could not be reached";
    throw new GraphQLError(`${who} is unavailable: ${reason}. Data from the other countries is unaffected.`, {
      extensions: {
        code: country ? "COUNTRY_UNAVAILABLE" : "SERVICE_UNAVAILABLE",
        ...(country ? { country: country.code } : { service: this.subgraphName }),
      },
    });
  }
}
