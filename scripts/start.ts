import "reflect-metadata";
import { join } from "node:path";
import { localDataDir, localPortBase } from "#core";
import { DEMO_PASSWORD } from "./demo/demo-users";
import { LocalFederation } from "./federation/federation";

/** `npm start`: the whole federation on this machine, until Ctrl-C. */
async function main(): Promise<void> {
  const dataDir = localDataDir();
  const started = Date.now();
  console.log("Starting the federation (stores, national subgraphs, directory, gateway)...");
  const federation = await LocalFederation.start({
    dataDir,
    portBase: localPortBase(),
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping every process...");
    await federation.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);

  console.log(`
Federation ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Logs: ${join(dataDir, "logs")}

  Gateway:   ${federation.gatewayUrl}
  Workspace: ${federation.gatewayUrl.replace(/graphql$/, "workspace")}  (sign in as officer.<cc>, e.g. officer.lt, password ${DEMO_PASSWORD})
  Dashboard: ${federation.gatewayUrl.replace(/graphql$/, "dashboard")}  (sign in at the Children's Unit as analyst)

  Try:       curl -s ${federation.gatewayUrl} -H 'content-type: application/json' \\
               -d '{"query":"{ countries { code name contactPoints { organisation email } } }"}'
  Token:     npm run token -- --country SE --role NCP_OFFICER

This is a development set-up: development keys and identity providers, demo data, introspection on.
Errors carry no stack traces unless DEBUG_ERRORS=1. Deploying is described in docs/deploy.md.

Press Ctrl-C to stop.`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
