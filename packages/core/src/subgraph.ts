import { ApolloServerOptions } from "@apollo/server";
import { GraphQLSchema } from "graphql";
import { AuditBuffer, auditPlugin, operationName } from "./audit/audit-buffer";
import { flushRefusalTallies } from "./audit/refusal-tally";
import { DPOP_HEADER } from "./auth/dpop";
import { CredentialCheck, gatewayOnlyPlugin, requestAuthenticator } from "./auth/gateway-credential";
import { GATEWAY_KEY_ID, loadPublicKey, loadSigningKey, loadTrustedIssuers, serviceKeyOf } from "./auth/keys";
import { AuthResult, createTokenVerifier } from "./auth/verify-token";
import { gatewayPublicUrl, ownPublicUrl } from "./config";
import { deadlineOf } from "./deadline";
import { startGraphQLHttpServer } from "./http-server";
import { stopOnSignals } from "./process";

/** What a subgraph's context is built from, besides the caller: the request's facts. */
export interface SubgraphRequest {
  /** The caller's token and proof, as they came (for what is asked of other countries on its behalf). */
  readonly authorization?: string;
  readonly dpop?: string;
  readonly operation: string;
  /** When the caller stops waiting. */
  readonly deadline: number;
  /** The request's gateway credential, checked (`gateway-credential.ts`). */
  readonly credential: CredentialCheck;
}

/** What a subgraph runs once its schema is built: its store, its per-request context, its background work. */
export interface SubgraphParts<TContext extends { audit: AuditBuffer; credential: CredentialCheck }> {
  readonly store: { isReady(): Promise<boolean>; close(): Promise<void> };
  readonly context: (auth: AuthResult, request: SubgraphRequest) => TContext;
  readonly formatError?: ApolloServerOptions<TContext>["formatError"];
  /** Started once the server listens, stopped before it closes. */
  readonly workers?: ReadonlyArray<{ start(): void; stop(): void }>;
}

export interface SubgraphOptions<TContext extends { audit: AuditBuffer; credential: CredentialCheck }> {
  /** Its name in the supergraph, which its tokens' audience and its service key are named after. */
  readonly name: string;
  /** Who speaks in the log, e.g. `[SE]`. */
  readonly label: string;
  /** What it is, for the line that says where it listens. */
  readonly title: string;
  readonly keysDir: string;
  readonly port: number;
  readonly schema: () => Promise<GraphQLSchema>;
  /** Called once the schema is built: it opens the store and makes what the requests use. */
  readonly open: () => SubgraphParts<TContext>;
}

/**
 * Starts a subgraph, national or the directory, the one way: keys that a missing file must stop at once,
 * the schema (the CPU-heavy part, before anything runs on a timer such as the store driver's server
 * selection, so a busy machine delays start-up instead of failing it), the store, the server (health and
 * public errors served while the store is still coming up; `/readyz` tells the difference), then the
 * background work. SIGINT and SIGTERM stop it all.
 */
export async function startSubgraph<TContext extends { audit: AuditBuffer; credential: CredentialCheck }>(
  options: SubgraphOptions<TContext>,
): Promise<void> {
  const { name, keysDir, port } = options;
  const verify = createTokenVerifier(await loadTrustedIssuers(keysDir));
  const schema = await options.schema();
  const authenticate = requestAuthenticator(verify, await loadPublicKey(keysDir, GATEWAY_KEY_ID), name, {
    gateway: gatewayPublicUrl(),
    own: ownPublicUrl(port),
  });
  // Its own service key, read now so that a missing key stops start-up instead of a later call.
  await loadSigningKey(keysDir, serviceKeyOf(name).id);
  const parts = options.open();

  const server = await startGraphQLHttpServer<TContext>({
    apollo: {
      schema,
      formatError: parts.formatError,
      plugins: [auditPlugin(), gatewayOnlyPlugin()],
    },
    context: async (req) => {
      const { auth, credential } = await authenticate(req);
      return parts.context(auth, {
        authorization: req.headers.authorization,
        dpop: req.headers[DPOP_HEADER] as string | undefined,
        operation: operationName(req.body),
        deadline: deadlineOf(req.headers),
        credential,
      });
    },
    port,
    isReady: parts.store.isReady,
  });
  console.log(`${options.label} ${options.title} at ${server.url}`);
  for (const worker of parts.workers ?? []) worker.start();
  stopOnSignals(async () => {
    for (const worker of parts.workers ?? []) worker.stop();
    await server.stop();
    await flushRefusalTallies().catch(() => undefined);
    await parts.store.close();
  });
}

/** A service's `main`: its start-up, and on failure the error and exit code 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
