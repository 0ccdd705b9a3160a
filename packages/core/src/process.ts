import { stopTracing } from "./tracing";

/** Stops a service cleanly on SIGINT/SIGTERM, so a launcher's Ctrl-C leaves nothing running. */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = () => {
    if (stopping) return;
    stopping = true;
    stop()
      .catch((error) => console.error(error))
      .then(stopTracing)
      .finally(() => process.exit(0));
  };
  process.once("SIGINT", handler);
  process.once("SIGTERM", handler);
}
