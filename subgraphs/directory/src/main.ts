import "#core/tracing";
import "reflect-metadata";
import { DIRECTORY_SUBGRAPH, portPlan } from "#schema/registry";
import { connectStore, keysDirOf, modelsIn, portEnv, requiredEnv, runMain, startSubgraph } from "#core";
import { createDirectoryContext } from "./context.type";
import { DIRECTORY_PARTS, directoryModels } from "./assembly";
import { buildDirectorySchema } from "./schema";
import { AuditWitness } from "./witness/witness";

runMain(async () => {
  const plan = portPlan();
  const keysDir = keysDirOf(DIRECTORY_SUBGRAPH);
  // No default: every store has a login of its own (`npm start` passes the embedded store's).
  const mongoUri = requiredEnv("MONGODB_URI");
  const gatewayUrl = process.env.GATEWAY_URL?.trim() || `http://127.0.0.1:${plan.gateway}/graphql`;
  const intervalMs = Number(process.env.WITNESS_INTERVAL_MS ?? 60_000);
  if (!Number.isInteger(intervalMs) || intervalMs < 100)
    throw new Error("WITNESS_INTERVAL_MS must be at least 100.");

  await startSubgraph({
    name: DIRECTORY_SUBGRAPH,
    label: "[directory]",
    title: "Children's Unit directory subgraph",
    keysDir,
    port: portEnv("PORT", plan.directory),
    schema: buildDirectorySchema,
    open: () => {
      let witness: AuditWitness | undefined;
      let models: ReturnType<typeof directoryModels> | undefined;
      const store = connectStore(mongoUri, {
        label: "directory",
        models: () => (witness && models ? [witness.model, ...modelsIn(models)] : []),
      });
      witness = new AuditWitness(store.connection, gatewayUrl, keysDir);
      models = directoryModels(store.connection);
      const frame = { store: models, modules: DIRECTORY_PARTS, services: { witness } };
      return {
        store,
        context: (auth, request) => createDirectoryContext(frame, auth, request),
        workers: [{ start: () => witness.start(intervalMs), stop: () => witness.stop() }],
      };
    },
  });
});
