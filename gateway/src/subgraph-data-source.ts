import { GraphQLDataSource, GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { GraphQLError } from "graphql";
import { KeyLike } from "jose";
import { countryOfSubgraph } from "#schema/registry";
import {
  type AuthResult,
  DPOP_HEADER,
  GATEWAY_CREDENTIAL_HEADER,
  signGatewayCredential,
  TIMEOUT_HEADER,
} from "#core/edge";
import { isTimeout, isTooLarge, MAX_ANSWER_BYTES, SubgraphPost, subgraphPost } from "./subgraph-fetcher";

export interface GatewayContext {
  /** The caller's own Authorization header, forwarded untouched: each subgraph verifies it itself. */
  authorization?: string;
  /**
   * The caller's token, verified once per request only to tell who calls (limits, trusted operations,
   * proofs); the subgraphs verify every token themselves. No caller: anonymous.
   */
  caller?: AuthResult;
  /**
   * A national subgraph's own service token sent beside a caller's token it forwards (the header
   * `ncp-service-credential`), verified for the gateway: the request comes from a subgraph, not a client.
   */
  forwarder?: AuthResult;
  /** The caller's proof of possession (DPoP), passed on with its token: each subgraph checks it again. */
  dpop?: string;
  /** The gateway's note of that proof, told which subgraphs it is sent to (`proofs.ts`). */
  proof?: TakenProof;
  /** The address the request came from: who is rate-limited when no verified token says. */
  address?: string;
  /**
   * When the caller stops waiting (epoch ms, from its own `ncp-timeout-ms`, e.g. a national subgraph asking
   * on behalf of its caller): no subgraph is told it has longer.
   */
  deadline?: number;
}

/** What the gateway noted of a request's proof of possession: told which subgraphs it is sent on to. */
export interface TakenProof {
  sentTo(subgraphName: string): void;
  /** The URL the proof names when it is not the gateway's (a national subgraph's own): vouched for. */
  readonly url?: string;
}

type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource["process"]>>;

/**
 * How the gateway asks one subgraph: it forwards the caller's token beside a credential of its own, passes
 * on what a subgraph that refused the request said, and turns a subgraph that does not answer into an
 * error that names the country, instead of a transport message.
 *
 * Apollo's `RemoteGraphQLDataSource` built `node-fetch` requests and headers around every exchange that
 * nothing here used: about 0.06 ms of the gateway's CPU per subgraph request (docs/benchmarks.md). The
 * headers Apollo Gateway itself would add are left out; the only one, asking for inline traces, is for
 * Apollo Studio, which the subgraphs do not serve.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly post: SubgraphPost;

  constructor(
    private readonly subgraphName: string,
    private readonly url: string,
    private readonly timeoutMs: number,
    private readonly credentialKey: KeyLike | Uint8Array,
    maxAnswerBytes = MAX_ANSWER_BYTES,
  ) {
    this.post = subgraphPost(timeoutMs, maxAnswerBytes);
  }

  async process({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const { query, variables, operationName, extensions } = request;
    const sent = JSON.stringify({ query, variables, operationName, extensions });
    const headers: Record<string, string> = {
      "content-type": "application/json",
      // Proves to the subgraph that this request, and the caller's token with it, come from the gateway; it
      // carries no identity of its own.
      [GATEWAY_CREDENTIAL_HEADER]: await signGatewayCredential(
        this.credentialKey,
        this.subgraphName,
        sent,
        context.authorization,
        context.dpop ? context.proof?.url : undefined,
      ),
    };
    if (context.authorization) headers.authorization = context.authorization;
    if (context.dpop) {
      headers[DPOP_HEADER] = context.dpop;
      context.proof?.sentTo(this.subgraphName);
    }
    // The subgraph starts no work after the gateway, or its caller, has given up on the answer.
    const left = context.deadline === undefined ? Infinity : context.deadline - Date.now();
    headers[TIMEOUT_HEADER] = String(Math.max(0, Math.min(this.timeoutMs, left)));
    let answer;
    try {
      answer = await this.post(this.url, headers, sent);
    } catch (error) {
      const reason = isTimeout(error)
        ? "it did not answer in time"
        : isTooLarge(error)
          ? "its answer was larger than the gateway reads"
          : "it could not be reached";
      throw this.unavailable(reason, error as Error);
    }
    const body = graphQLAnswer(answer.body);
    const ok = answer.status >= 200 && answer.status < 300;
    if (ok && body) return body;
    // A subgraph that refused the request with a GraphQL error (4xx) is reporting on the request: pass on
    // what it said (a variable its scalar refused, say), not the transport's "400: Bad Request".
    const said = body?.errors?.[0];
    if (answer.status >= 400 && answer.status < 500 && typeof said?.message === "string") {
      // Its code and details (`field`...), not its stack trace.
      const { stacktrace: _stacktrace, ...details } = said.extensions ?? {};
      const code =
        answer.status === 401 ? "UNAUTHENTICATED" : answer.status === 403 ? "FORBIDDEN" : "BAD_REQUEST";
      throw new GraphQLError(said.message, { extensions: { code, ...details } });
    }
    throw this.unavailable(ok ? "its answer was not GraphQL" : `it answered HTTP ${answer.status}`);
  }

  private unavailable(reason: string, cause?: Error): GraphQLError {
    const country = countryOfSubgraph(this.subgraphName);
    const message = country
      ? `${country.name} (${country.code}) is unavailable: ${reason}. Data from the other countries is unaffected.`
      : `The ${this.subgraphName} service is unavailable: ${reason}.`;
    return new GraphQLError(message, {
      // Kept as the cause: with DEBUG_ERRORS=1 outside production its stack trace shows in the answer.
      // Callers read the country and the reason.
      originalError: cause,
      extensions: {
        code: country ? "COUNTRY_UNAVAILABLE" : "SERVICE_UNAVAILABLE",
        ...(country ? { country: country.code } : { service: this.subgraphName }),
      },
    });
  }
}

/** A GraphQL answer: an object with `data` or a list of `errors`; anything else is not one. */
function graphQLAnswer(text: string): SubgraphResponse | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return undefined;
  const answer = parsed as SubgraphResponse;
  const errorsOk = answer.errors === undefined || Array.isArray(answer.errors);
  return errorsOk && ("data" in answer || answer.errors) ? answer : undefined;
}
