import "reflect-metadata";
import autocannon from "autocannon";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { benchScale } from "./bench/bench-scale";
import { DIRECTORY_SUBGRAPH, ENABLED_COUNTRIES, nationalSubgraphName } from "#schema/registry";
import { GATEWAY_SERVICE } from "#core";
import {
  closedLoop,
  entityFetch,
  floorClient,
  gatewayFanOut,
  cpuMs,
  LoadResult,
  percentile,
  PLANNED_SHAPES,
  residentMb,
  storeRead,
  SWEDEN,
} from "./bench/bench-path";
import { LocalFederation } from "./federation/federation";
import { LIMITS } from "../gateway/src/limits";

/**
 * `npm run bench`: starts its own federation on loopback (ports 24000+, a temporary data folder), drives
 * a few typical operations through the gateway with autocannon for a bounded time each, prints the
 * figures and stops everything. Nothing here asserts a timing.
 */
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

async function run(name: string, url: string, query: string, token?: string): Promise<void> {
  const result = await autocannon({
    url,
    method: "POST",
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const errors = result.non2xx + result.errors;
  console.log(
    `${name.padEnd(52)} ${String(Math.round(result.requests.average)).padStart(6)} req/s   ` +
      `p50 ${String(result.latency.p50).padStart(4)} ms   p99 ${String(result.latency.p99).padStart(4)} ms   ` +
      `${result.requests.total} requests, ${errors} failed`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: "boolean" },
      country: { type: "string" },
      sizes: { type: "string" },
      attack: { type: "boolean" },
    },
  });
  if (values.scale) {
    const sizes = (values.sizes ?? "10000,100000,1000000").split(",").map(Number);
    if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 5_000_000))
      throw new Error("--sizes takes whole numbers from 1 to 5000000, separated by commas.");
    return benchScale({ country: values.country ?? "SE", sizes });
  }
  const dataDir = mkdtempSync(join(tmpdir(), "ncp-bench-"));
  console.log(`Starting a federation in ${dataDir} ...`);
  // The load below is one caller's (and the public's, from one address), far beyond a caller's allowance.
  const federation = await LocalFederation.start({
    dataDir,
    portBase: 24000,
    log: () => undefined,
    env: { GATEWAY_WORK_PER_MINUTE: String(1e9) },
  });
  try {
    if (values.attack) return await underAttack(federation);
    const url = federation.gatewayUrl;
    const lt = await federation.tokenFor({ role: "NCP_OFFICER", country: "LT" });
    const rfp = await federation.tokenFor({ role: "RFP_ANALYST" });
    const year = new Date().getUTCFullYear();
    const inbox = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${lt}` },
      body: JSON.stringify({ query: '{ country(code: "SE") { referrals(first: 1) { nodes { id } } } }' }),
    });
    const referralId = ((await inbox.json()) as any).data.country.referrals.nodes[0].id as string;
    console.log(`${CONNECTIONS} connections, ${DURATION_S} s each, through the gateway on loopback:\n`);
    await run(
      "public NCP directory (10 countries)",
      url,
      "{ countries { code name contactPoints { organisation email phone languages } } }",
    );
    await run(
      "LT officer: inbox across 10 countries",
      url,
      "{ countries { referrals { nodes { id from { code } purpose urgency overdue } } } }",
      lt,
    );
    await run(
      "LT officer: one referral with response and timeline",
      url,
      `{ country(code: "SE") { referral(id: "${referralId}") { status response { decision } timeline { kind recordedBy { code } } } } }`,
      lt,
    );
    await run(
      "RFP: controlled statistics of 10 countries, one year",
      url,
      `{ countries { code statistics(period: { year: ${year} }) { tables { name total { value suppressed } } } } }`,
      rfp,
    );
    await requestPath(federation);
    await underAttack(federation);
  } finally {
    await federation.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The December 2026 review's attack, on the gateway's own limits (its allowance as deployed, not the raised
 * one above): six RFP analysts each sending fifteen aliases of every country's statistics, six more asking
 * every country's statistics as fast as they are let, and meanwhile the public directory, asked five times a
 * second (one address's allowance), timed against the same without the attack.
 */
async function underAttack(federation: LocalFederation): Promise<void> {
  await federation.stopGateway();
  await federation.startGateway({ GATEWAY_WORK_PER_MINUTE: String(LIMITS.workPerMinute) });
  const url = federation.gatewayUrl;
  const year = new Date().getUTCFullYear();
  const ask = async (query: string, token?: string): Promise<string> => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    return body.errors?.[0]?.extensions?.code ?? "answered";
  };
  const PUBLIC = "{ countries { code name contactPoints { organisation email } } }";
  const paced = async (seconds: number) => {
    const latencies: number[] = [];
    for (let i = 0; i < seconds * 5; i++) {
      const start = performance.now();
      if ((await ask(PUBLIC)) !== "answered") throw new Error("the public directory was refused");
      latencies.push(performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 200 - (performance.now() - start))));
    }
    latencies.sort((a, b) => a - b);
    return `p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`;
  };
  console.log(`\nThe review's attack, with the gateway's limits as deployed, ${DURATION_S} s each:\n`);
  console.log(`  public directory alone:            ${await paced(DURATION_S)}`);
  const analysts = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      federation.tokenFor({ role: "RFP_ANALYST", subject: `attacker-${i}` }),
    ),
  );
  const fifteen = Array.from(
    { length: 15 },
    (_, i) => `a${i}: countries { statistics(period: { year: ${year - (i % 3)} }) { exact } }`,
  ).join(" ");
  const outcomes = new Map<string, number>();
  let stopped = false;
  const attackers = analysts.map(async (token, i) => {
    const query =
      i < 6 ? `{ ${fifteen} }` : `{ countries { statistics(period: { year: ${year} }) { exact } } }`;
    while (!stopped) {
      const outcome = `${i < 6 ? "fifteen aliases" : "all statistics"}: ${await ask(query, token)}`;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
  });
  console.log(`  public directory during the attack: ${await paced(DURATION_S)}`);
  stopped = true;
  await Promise.all(attackers);
  for (const [outcome, count] of [...outcomes].sort())
    console.log(`  ${outcome.padEnd(40)} ${count} requests`);
}

const line = (name: string, r: LoadResult) =>
  console.log(
    `${name.padEnd(52)} ${r.perSecond.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(2).padStart(7)} ms   ` +
      `p99 ${r.p99.toFixed(2).padStart(7)} ms   ${r.requests} requests, ${r.errors} failed`,
  );

/** CPU time used so far by each service of the federation and by this load generator, in ms. */
function cpuOfServices(federation: LocalFederation) {
  const services = [GATEWAY_SERVICE, DIRECTORY_SUBGRAPH, ...ENABLED_COUNTRIES.map(nationalSubgraphName)];
  return () => {
    const used = new Map(services.map((name) => [name, cpuMs(federation.processOf(name)?.child.pid)]));
    const self = process.cpuUsage();
    used.set("load generator", (self.user + self.system) / 1000);
    return used;
  };
}

/** Where the CPU of one request went, by process: the work every process did, divided by the requests. */
function cpuLine(after: Map<string, number>, before: Map<string, number>, requests: number) {
  const per = (name: string) => (after.get(name)! - before.get(name)!) / requests;
  const nationals = ENABLED_COUNTRIES.map((c) => per(nationalSubgraphName(c)));
  const allNationals = nationals.reduce((a, b) => a + b, 0);
  const parts: Array<[string, number]> = [
    ["gateway", per(GATEWAY_SERVICE)],
    ["directory", per(DIRECTORY_SUBGRAPH)],
    [`${nationals.length} national subgraphs`, allNationals],
    ["load generator", per("load generator")],
  ];
  const total = parts.reduce((sum, [, ms]) => sum + ms, 0);
  console.log(
    `    CPU per request: ${total.toFixed(1)} ms = ` +
      parts.map(([name, ms]) => `${name} ${ms.toFixed(2)}`).join(" + ") +
      ` (each national ${(allNationals / nationals.length).toFixed(2)})`,
  );
}

/**
 * Where the time of the public fan-out goes, side by side in one run: through the gateway, the same work
 * by a minimal client (the floor), one national subgraph's share of it, and the store's own time for
 * that share; then memory after sustained load and the query planner's own times.
 */
async function requestPath(federation: LocalFederation): Promise<void> {
  const ms = DURATION_S * 1000;
  const gateway = gatewayFanOut(federation);
  const floor = await floorClient(federation);
  // Twelve processes compile their hot paths as they go: both sides warm up before either is measured.
  await closedLoop(CONNECTIONS, ms, gateway);
  await closedLoop(CONNECTIONS, ms, floor);
  console.log(`\nThe public fan-out and its parts, ${DURATION_S} s each, after as long a warm-up:\n`);
  const cpu = cpuOfServices(federation);
  const measured: LoadResult[] = [];
  for (const [name, task] of [
    [`fan-out through the gateway, ${CONNECTIONS} connections`, gateway],
    [`the floor (no gateway), ${CONNECTIONS} connections`, floor],
  ] as const) {
    const before = cpu();
    const result = await closedLoop(CONNECTIONS, ms, task);
    line(name, result);
    cpuLine(cpu(), before, result.requests);
    measured.push(result);
  }
  console.log(
    `    the gateway reaches ${(measured[0].perSecond / measured[1].perSecond).toFixed(2)} of the floor`,
  );
  line("fan-out through the gateway, 1 connection", await closedLoop(1, ms, gateway));
  line("the floor (no gateway), 1 connection", await closedLoop(1, ms, floor));
  line(
    "Sweden's _entities for its contact points, 1 conn.",
    await closedLoop(1, ms, await entityFetch(federation, SWEDEN)),
  );
  const store = await storeRead(federation, SWEDEN);
  try {
    line("the store's own find for them (driver alone)", await closedLoop(1, ms, store.task));
  } finally {
    await store.close();
  }

  const sustain = Number(process.env.BENCH_SUSTAIN_SECONDS ?? 60);
  const rss = () => ({
    gateway: residentMb(federation.processOf("gateway")?.child.pid),
    sweden: residentMb(federation.processOf("national-se")?.child.pid),
  });
  const idle = rss();
  // Sampled every second: resident memory rises and falls with the collector, so the peak says more than
  // the last sample.
  const peak = { ...idle };
  const sampling = setInterval(() => {
    const now = rss();
    peak.gateway = Math.max(peak.gateway, now.gateway);
    peak.sweden = Math.max(peak.sweden, now.sweden);
  }, 1000);
  const sustained = await closedLoop(CONNECTIONS, sustain * 1000, gateway);
  clearInterval(sampling);
  const loaded = rss();
  const mb = (before: number, highest: number, after: number) =>
    `${before.toFixed(0)} -> ${after.toFixed(0)} MB (at most ${highest.toFixed(0)})`;
  console.log(
    `\nResident memory before and after ${sustain} s of the fan-out at ${CONNECTIONS} connections ` +
      `(${sustained.perSecond.toFixed(0)} req/s): gateway ${mb(idle.gateway, peak.gateway, loaded.gateway)}, ` +
      `Sweden's subgraph ${mb(idle.sweden, peak.sweden, loaded.sweden)}`,
  );
  console.log("\nQuery planning, a process for each line:");
  for (const registry of [[], ["--all-countries"]]) {
    for (const shape of Object.keys(PLANNED_SHAPES)) {
      for (const start of [[], ["--warmed"]]) {
        execFileSync(process.execPath, [join(__dirname, "bench-plan.js"), shape, ...registry, ...start], {
          stdio: "inherit",
        });
      }
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
