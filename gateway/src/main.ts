import "#core/tracing";
import { ApolloGateway } from "@apollo/gateway";
import { readFileSync } from "node:fs";
import {
  DIRECTORY_SUBGRAPH,
  ENABLED_COUNTRIES,
  nationalSubgraphName,
  subgraphUrlVariable,
  TOKEN_AUDIENCE,
} from "#schema/registry";
import {
  createTokenVerifier,
  deadlineOf,
  DPOP_HEADER,
  GATEWAY_AUDIENCE,
  GATEWAY_KEY_ID,
  isProduction,
  loadSigningKey,
  loadTrustedIssuers,
  startGraphQLHttpServer,
  stopOnSignals,
  subgraphAudience,
} from "#core/edge";
import { proofOfPossession } from "./proofs";
import { readGatewayConfig } from "./config";
import { gatewayProtection, LIMITS } from "./limits";
import { workPlugin } from "./work";
import { mountCalendar } from "./calendar";
import { mountPages } from "./pages";
import { warmQueryPlanner } from "./planner-warm-up";
import { GatewayContext, SubgraphDataSource } from "./subgraph-data-source";
import {
  loadTrustedOperations,
  SERVICE_CREDENTIAL_HEADER,
  trustedOperationsPlugin,
} from "./trusted-operations";

async function main(): Promise<void> {
  const config = readGatewayConfig();
  const credentialKey = await loadSigningKey(config.keysDir, GATEWAY_KEY_ID);
  let loaded = false;
  let warmed = false;
  // A static supergraph: the gateway starts and plans while any country is offline.
  const supergraphSdl = readFileSync(config.supergraphPath, "utf8");
  const subgraphUrls = new Map<string, string>();
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      subgraphUrls.set(name, process.env[subgraphUrlVariable(name)] ?? url!);
      return new SubgraphDataSource(name, subgraphUrls.get(name)!, config.subgraphTimeoutMs, credentialKey);
    },
  });
  gateway.onSchemaLoadOrUpdate(() => {
    loaded = true;
  });

  const protection = gatewayProtection();
  // Only to tell who calls (a national system, a caller to rate-limit); the subgraphs verify every token
  // themselves and decide access.
  // A caller's token is for the federation, or a service token for the one subgraph it asks; the token a
  // national subgraph sends beside a forwarded one is for the gateway alone (trusted-operations.ts).
  const verify = createTokenVerifier(await loadTrustedIssuers(config.keysDir), [
    TOKEN_AUDIENCE,
    ...[DIRECTORY_SUBGRAPH, ...ENABLED_COUNTRIES.map(nationalSubgraphName)].map(subgraphAudience),
  ]);
  const proofs = proofOfPossession(config.publicUrl, config.workPerMinute, { subgraphUrls });
  const trustedOperations = loadTrustedOperations(config.trustedOperationsPath);
  const trusted = trustedOperationsPlugin(trustedOperations, config.trustedOperationsOnly);
  // The calendar feed reads through this gateway's own endpoint, known once it listens.
  let ownUrl: string | undefined;
  const server = await startGraphQLHttpServer<GatewayContext>({
    apollo: {
      gateway,
      ...protection,
      plugins: [...protection.plugins, trusted, workPlugin(supergraphSdl, config.workPerMinute)],
      // Introspection only while developing; production callers use the published schema.
      introspection: !isProduction(),
    },
    bodyLimit: LIMITS.bodyLimit,
    routes: (app) => {
      mountPages(app, supergraphSdl);
      mountCalendar(app, () => ownUrl);
    },
    context: async (req) => {
      const { authorization } = req.headers;
      // Node joins a repeated custom header into one string.
      const beside = req.headers[SERVICE_CREDENTIAL_HEADER] as string | undefined;
      const caller = await verify(authorization);
      const forwarder = beside ? await verify(`Bearer ${beside}`, [GATEWAY_AUDIENCE]) : undefined;
      // A token bound to a key, without a fresh proof of it for this request, goes no further.
      const proof = await proofs(req, caller, forwarder);
      return {
        authorization,
        caller,
        forwarder,
        proof,
        dpop: req.headers[DPOP_HEADER] as string | undefined,
        address: req.socket.remoteAddress,
        deadline: deadlineOf(req.headers),
      };
    },
    port: config.port,
    // Ready once the planner's code is compiled too, so the first callers do not wait for it.
    isReady: async () => loaded && warmed,
  });
  ownUrl = server.url;
  console.log(`[gateway] federation gateway at ${server.url}`);
  stopOnSignals(server.stop);
  await warmQueryPlanner(supergraphSdl, trustedOperations.values(), (message) =>
    console.warn(`[gateway] ${message}`),
  );
  warmed = true;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
