import "#core/tracing";
import "reflect-metadata";
import { DIRECTORY_SUBGRAPH, portPlan } from "#schema/registry";
import {
  auditPlugin,
  connectStore,
  createTokenVerifier,
  deadlineOf,
  flushRefusalTallies,
  GATEWAY_KEY_ID,
  gatewayOnlyPlugin,
  gatewayPublicUrl,
  keysDirOf,
  loadPublicKey,
  loadSigningKey,
  loadTrustedIssuers,
  operationName,
  ownPublicUrl,
  portEnv,
  requestAuthenticator,
  requiredEnv,
  serviceKeyOf,
  startGraphQLHttpServer,
  stopOnSignals,
} from "#core";
import { createDirectoryContext, DirectoryContext } from "./context.type";
import { modelsOf } from "./store";
import { DIRECTORY_PARTS, directoryModels } from "./assembly";
import { buildDirectorySchema } from "./schema";
import { AuditWitness } from "./witness/witness";

async function main(): Promise<void> {
  const plan = portPlan();
  const keysDir = keysDirOf(DIRECTORY_SUBGRAPH);
  // No default: every store has a login of its own (`npm start` passes the embedded store's).
  const mongoUri = requiredEnv("MONGODB_URI");
  const gatewayUrl = process.env.GATEWAY_URL?.trim() || `http://127.0.0.1:${plan.gateway}/graphql`;
  const intervalMs = Number(process.env.WITNESS_INTERVAL_MS ?? 60_000);
  if (!Number.isInteger(intervalMs) || intervalMs < 100)
    throw new Error("WITNESS_INTERVAL_MS must be at least 100.");

  // The schema first: CPU-heavy start-up work comes before the store driver's timers start.
  const schema = await buildDirectorySchema();
  const authenticate = requestAuthenticator(
    createTokenVerifier(await loadTrustedIssuers(keysDir)),
    await loadPublicKey(keysDir, GATEWAY_KEY_ID),
    DIRECTORY_SUBGRAPH,
    { gateway: gatewayPublicUrl(), own: ownPublicUrl(portEnv("PORT", plan.directory)) },
  );
  // The witness's own key, read now so that a missing key stops start-up instead of every round.
  await loadSigningKey(keysDir, serviceKeyOf(DIRECTORY_SUBGRAPH).id);
  let witness: AuditWitness | undefined;
  let models: ReturnType<typeof directoryModels> | undefined;
  const store = connectStore(mongoUri, {
    label: "directory",
    models: () => (witness && models ? [witness.model, ...modelsOf(models)] : []),
  });
  witness = new AuditWitness(store.connection, gatewayUrl, keysDir);
  models = directoryModels(store.connection);
  const frame = { store: models, modules: DIRECTORY_PARTS, services: { witness } };

  const server = await startGraphQLHttpServer<DirectoryContext>({
    apollo: {
      schema,
      plugins: [auditPlugin(), gatewayOnlyPlugin()],
    },
    context: async (req) => {
      const { auth, credential } = await authenticate(req);
      return createDirectoryContext(frame, auth, {
        operation: operationName(req.body),
        deadline: deadlineOf(req.headers),
        credential,
      });
    },
    port: portEnv("PORT", plan.directory),
    isReady: store.isReady,
  });
  witness.start(intervalMs);
  console.log(`[directory] Children's Unit directory subgraph at ${server.url}`);
  stopOnSignals(async () => {
    witness.stop();
    await server.stop();
    await flushRefusalTallies().catch(() => undefined);
    await store.close();
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
