import "#core/tracing";
import "reflect-metadata";
import { nationalSubgraphName } from "#schema/registry";
import {
  auditPlugin,
  createTokenVerifier,
  deadlineOf,
  DPOP_HEADER,
  flushRefusalTallies,
  GATEWAY_KEY_ID,
  gatewayOnlyPlugin,
  gatewayPublicUrl,
  loadPublicKey,
  loadSigningKey,
  loadTrustedIssuers,
  operationName,
  ownPublicUrl,
  RateLimiter,
  requestAuthenticator,
  serviceKeyOf,
  startGraphQLHttpServer,
  stopOnSignals,
} from "#core";
import { readNationalConfig } from "./config";
import { FederationClient } from "./federation-client";
import { formatNationalError } from "./format-error";
import { Context, createContext } from "./context.type";
import { buildNationalSchema } from "./schema";
import { startRetention } from "./modules/erasure/retention";
import { DoorbellSender } from "./modules/notification/doorbells";
import { WebhookSender } from "./modules/notification/webhooks";
import { createCountryStore, MODULE_PARTS } from "./assembly";

async function main(): Promise<void> {
  const config = readNationalConfig();
  const { country } = config;
  const verify = createTokenVerifier(await loadTrustedIssuers(config.keysDir));
  // The CPU-heavy part of start-up (building the schema) comes before anything that runs on a timer, such
  // as the store driver's server selection, so a busy machine delays start-up instead of failing it.
  const schema = await buildNationalSchema(country);
  const authenticate = requestAuthenticator(
    verify,
    await loadPublicKey(config.keysDir, GATEWAY_KEY_ID),
    nationalSubgraphName(country),
    { gateway: gatewayPublicUrl(), own: ownPublicUrl(config.port) },
  );
  // Its own service credential, read now so that a missing key stops start-up instead of a later call.
  await loadSigningKey(config.keysDir, serviceKeyOf(nationalSubgraphName(country)).id);
  const federation = new FederationClient(config.gatewayUrl, country, config.keysDir);
  // Serve health and public errors even while the store is still coming up; /readyz tells the difference.
  const store = createCountryStore(config.mongoUri, country.code, {
    queryLog: config.storeQueryLog,
    contactPointsCacheMs: config.contactPointsCacheMs,
    statisticsCacheMs: config.statisticsCacheMs,
  });

  const log = (line: string) => console.log(`[${country.code}] ${line}`);
  const doorbells = new DoorbellSender(store, federation, config.doorbellRetryMaxMs, log);
  const webhooks = new WebhookSender(store, country.code, config.doorbellRetryMaxMs, log);
  const ringLimit = new RateLimiter(config.doorbellRingsPerMinute);
  const frame = {
    config,
    store,
    federation,
    modules: MODULE_PARTS,
    services: { doorbells, webhooks, ringLimit },
  };

  const server = await startGraphQLHttpServer<Context>({
    apollo: {
      schema,
      formatError: formatNationalError(country, () => store.state() === "ready"),
      plugins: [auditPlugin(), gatewayOnlyPlugin()],
    },
    context: async (req) => {
      const { auth, credential } = await authenticate(req);
      return createContext(frame, auth, {
        authorization: req.headers.authorization,
        dpop: req.headers[DPOP_HEADER] as string | undefined,
        operation: operationName(req.body),
        deadline: deadlineOf(req.headers),
        credential,
      });
    },
    port: config.port,
    isReady: store.isReady,
  });
  console.log(`[${country.code}] national subgraph of ${country.name} at ${server.url}`);
  const stopRetention = startRetention(store, federation, config, log);
  doorbells.start();
  webhooks.start();
  stopOnSignals(async () => {
    stopRetention();
    doorbells.stop();
    webhooks.stop();
    await server.stop();
    await flushRefusalTallies().catch(() => undefined);
    await store.close();
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
