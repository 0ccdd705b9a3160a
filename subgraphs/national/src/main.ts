import "#core/tracing";
import "reflect-metadata";
import { nationalSubgraphName } from "#schema/registry";
import { RateLimiter, runMain, startSubgraph } from "#core";
import { readNationalConfig } from "./config";
import { FederationClient } from "./federation-client";
import { formatNationalError } from "./format-error";
import { createContext } from "./context.type";
import { buildNationalSchema } from "./schema";
import { startRetention } from "./modules/erasure/retention";
import { DoorbellSender } from "./modules/notification/doorbells";
import { WebhookSender } from "./modules/notification/webhooks";
import { createCountryStore, MODULE_PARTS } from "./assembly";

runMain(async () => {
  const config = readNationalConfig();
  const { country } = config;
  const log = (line: string) => console.log(`[${country.code}] ${line}`);
  await startSubgraph({
    name: nationalSubgraphName(country),
    label: `[${country.code}]`,
    title: `national subgraph of ${country.name}`,
    keysDir: config.keysDir,
    port: config.port,
    schema: () => buildNationalSchema(country),
    open: () => {
      const federation = new FederationClient(config.gatewayUrl, country, config.keysDir);
      const store = createCountryStore(config.mongoUri, country.code, {
        queryLog: config.storeQueryLog,
        contactPointsCacheMs: config.contactPointsCacheMs,
        statisticsCacheMs: config.statisticsCacheMs,
      });
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
      let stopRetention = () => {};
      return {
        store,
        context: (auth, request) => createContext(frame, auth, request),
        formatError: formatNationalError(country, () => store.state() === "ready"),
        workers: [
          {
            start: () => (stopRetention = startRetention(store, federation, config, log)),
            stop: () => stopRetention(),
          },
          doorbells,
          webhooks,
        ],
      };
    },
  });
});
