import "reflect-metadata";
import { DIRECTORY_SUBGRAPH, portPlan } from "../../../schema/registry";
import { gatewayOnlyPlugin } from "../../shared/src/auth/gateway-credential";
import { GATEWAY_KEY_ID, loadPublicKey } from "../../shared/src/auth/keys";
import { portEnv } from "../../shared/src/config";
import { startGraphQLHttpServer } from "../../shared/src/http-server";
import { stopOnSignals } from "../../shared/src/process";
import { buildDirectorySchema } from "./schema";

async function main(): Promise<void> {
  const keysDir = process.env.KEYS_DIR?.trim() || ".data/keys";
  const server = await startGraphQLHttpServer({
    apollo: {
      schema: await buildDirectorySchema(),
      plugins: [gatewayOnlyPlugin(await loadPublicKey(keysDir, GATEWAY_KEY_ID), DIRECTORY_SUBGRAPH)],
    },
    context: async () => ({}),
    port: portEnv("PORT", portPlan().directory),
    // The directory holds only the registry, compiled in: ready as soon as it listens.
    isReady: async () => true,
  });
  console.log(`[directory] Children's Unit directory subgraph at ${server.url}`);
  stopOnSignals(server.stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
