import "reflect-metadata";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { FederationOptions, LocalFederation } from "../../scripts/federation/federation";
import { portPlan } from "#schema/registry";
import { ROOT_DIR } from "#core";

/**
 * The test run's federations, kept outside the suites' sandboxes: this module runs in jest's own realm
 * (loaded by the test environment and the global set-up and teardown), so a federation outlives the suite
 * that started it. At most one runs at a time, on the tests' ports: a suite that asks for a federation
 * with other settings than the running one's stops it and starts its own.
 */

/** Loopback ports of the test federation: away from `npm start`'s 4000, so both can run at once. */
export const TEST_PORT_BASE = 14000;

export type TestFederationOptions = Pick<
  FederationOptions,
  "nationalEnv" | "directoryEnv" | "env" | "storeSettings"
>;

/**
 * What the shared federation runs with, for every suite that shares it: doorbell retries capped at 2 s and
 * a retention sweep every 1.2 s, so that what happens in the background is seen within a test; the
 * contact points and the statistics read from the store on every request, for suites that write straight
 * into it or count on figures as they are; the
 * directory witnessing the audit heads every second.
 */
export const SHARED_FEDERATION: TestFederationOptions = {
  nationalEnv: {
    DOORBELL_RETRY_MAX_SECONDS: "2",
    RETENTION_SWEEP_MINUTES: "0.02",
    CONTACT_POINTS_CACHE_MS: "0",
    STATISTICS_CACHE_MS: "0",
  },
  directoryEnv: { WITNESS_INTERVAL_MS: "1000" },
};

/** Where the instrumented federation's processes send their spans: a collector the tracing suite runs. */
export const TRACE_COLLECTOR_PORT = portPlan(TEST_PORT_BASE).identityProvider + 1;
/**
 * Every command the instrumented federation's national subgraphs send to their stores, a line each; a
 * new federation starts it anew.
 */
export const STORE_QUERY_LOG = join(ROOT_DIR, ".test-data", "store-queries.jsonl");

/**
 * A federation instrumented to watch what its processes do, for the suites that read that: stores that
 * plan without sequential scans or statistics and count their statements (pg_stat_statements), subgraphs
 * that log every store command, and every process exporting its spans (OTLP, JSON over HTTP).
 */
export const INSTRUMENTED_FEDERATION: TestFederationOptions = {
  storeSettings: { enable_seqscan: "off", autovacuum: "off", shared_preload_libraries: "pg_stat_statements" },
  nationalEnv: { STORE_QUERY_LOG },
  env: {
    OTEL_TRACES_EXPORTER: "otlp",
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `http://127.0.0.1:${TRACE_COLLECTOR_PORT}/v1/traces`,
    OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "http/json",
    OTEL_BSP_SCHEDULE_DELAY: "100",
    OTEL_METRICS_EXPORTER: "none",
    OTEL_LOGS_EXPORTER: "none",
  },
};

interface Running {
  settings: string;
  federation: Promise<LocalFederation>;
  dataDir: string;
}

/** Kept on jest's own global, so that every load of this module sees the same federation. */
const POOL = Symbol.for("cbss-ncp.test-federation-pool");
const pool = (): { running?: Running } =>
  ((globalThis as Record<symbol, { running?: Running }>)[POOL] ??= {});

/** A fresh data folder under `.test-data`. */
export function testDataDir(prefix: string): string {
  mkdirSync(join(ROOT_DIR, ".test-data"), { recursive: true });
  return mkdtempSync(join(ROOT_DIR, ".test-data", prefix));
}

/**
 * A federation with these settings and demo data: the running one when its settings are the same,
 * otherwise a new one in a fresh data folder (the running one is stopped first). Kept until another is
 * asked for or the run ends.
 */
export async function federationWith(options: TestFederationOptions): Promise<LocalFederation> {
  const settings = JSON.stringify(options);
  const current = pool().running;
  if (current?.settings === settings) return current.federation;
  await releaseFederation();
  rmSync(STORE_QUERY_LOG, { force: true });
  const dataDir = testDataDir("federation-");
  const federation = LocalFederation.start({
    dataDir,
    portBase: TEST_PORT_BASE,
    log: () => undefined,
    ...options,
    // The suites are a handful of callers asking far more than a person would: their gateway allows them
    // plenty. A caller's allowance itself is tested in test/unit/work.test.ts.
    env: { GATEWAY_WORK_PER_MINUTE: "6000000", ...options.env },
  });
  const running = { settings, federation, dataDir };
  pool().running = running;
  // A start that failed (and stopped what it started) is not kept: the next suite that asks tries anew.
  federation.catch(() => {
    if (pool().running !== running) return;
    pool().running = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });
  return federation;
}

/** Stops the running federation, if any, removes its folder and frees the tests' ports. */
export async function releaseFederation(): Promise<void> {
  const running = pool().running;
  if (!running) return;
  pool().running = undefined;
  await running.federation.then((f) => f.stop()).catch(() => undefined);
  rmSync(running.dataDir, { recursive: true, force: true });
}
