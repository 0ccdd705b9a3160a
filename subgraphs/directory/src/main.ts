import "reflect-metadata";
import { portPlan } from "../../../schema/registry";
import { portEnv } from "../../shared/src/config";
import { startGraphQLHttpServer } from "../../shared/src/http-server";
import { stopOnSignals } from "../../shared/src/process";
import { buildDirectorySchema } from "./schema";

async function main(): Promise<void> {
  const server = await startGraphQLHttpServer({
    apollo: { schema: await buildDirectorySchema() },
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
