import "reflect-metadata";
import autocannon from "autocannon";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signToken } from "../subgraphs/shared/src/auth/sign-token";
import { parseArgs } from "node:util";
import { benchScale } from "./lib/bench-scale";
import { LocalFederation } from "./lib/federation";

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
    options: { scale: { type: "boolean" }, country: { type: "string" }, sizes: { type: "string" } },
  });
  if (values.scale) {
    const sizes = (values.sizes ?? "10000,100000,1000000").split(",").map(Number);
    if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 5_000_000))
      throw new Error("--sizes takes whole numbers from 1 to 5000000, separated by commas.");
    return benchScale({ country: values.country ?? "SE", sizes });
  }
  const dataDir = mkdtempSync(join(tmpdir(), "ncp-bench-"));
  console.log(`Starting a federation in ${dataDir} ...`);
  const federation = await LocalFederation.start({ dataDir, portBase: 24000, log: () => undefined });
  try {
    const url = federation.gatewayUrl;
    const lt = await signToken(federation.keysDir, { role: "NCP_OFFICER", country: "LT" });
    const rfp = await signToken(federation.keysDir, { role: "RFP_ANALYST" });
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
  } finally {
    await federation.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
