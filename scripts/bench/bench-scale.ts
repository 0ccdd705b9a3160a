import autocannon from "autocannon";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { findCountry } from "#schema/registry";
import { openCountryStore } from "../../subgraphs/national/src/assembly";
import { LocalFederation } from "../federation/federation";
import { ROOT_DIR } from "#core";
import { progressReporter, seedScale } from "../demo/scale-seed";

/**
 * `npm run bench -- --scale`: one country's store at 10 000, 100 000 and 1 000 000 cases, read through
 * the gateway. The federation and its stores are kept in `.bench/` (git-ignored) so a second run reuses
 * the seeded data; results go to `.bench/results/`. Prints figures; asserts nothing.
 */
const BENCH_DIR = join(ROOT_DIR, ".bench");
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);

interface Measurement {
  cases: number;
  name: string;
  p50: number;
  p99: number;
  mean: number;
  requests: number;
  failed: number;
}

/** Runs the query once and fails on any error, so that the figures below are of answers, not refusals. */
async function answers(url: string, token: string, query: string): Promise<void> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors?.length)
    throw new Error(`The benchmark query failed: ${JSON.stringify(body.errors).slice(0, 500)}`);
}

async function measure(
  url: string,
  token: string,
  query: string,
): Promise<Omit<Measurement, "cases" | "name">> {
  await answers(url, token, query);
  // One connection: the latency a single officer or system sees, not the throughput of many.
  const result = await autocannon({
    url,
    method: "POST",
    connections: 1,
    amount: REQUESTS,
    timeout: 30,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.average,
    requests: result.requests.total,
    failed: result.non2xx + result.errors,
  };
}

export async function benchScale(options: { country: string; sizes: number[] }): Promise<void> {
  const country = findCountry(options.country);
  if (!country?.enabled)
    throw new Error(`--country must be an enabled country code, got '${options.country}'.`);
  const dataDir = join(BENCH_DIR, "federation");
  console.log(`Starting a federation in ${dataDir} (kept for the next run) ...`);
  const federation = await LocalFederation.start({ dataDir, portBase: 24000, log: console.log });
  const results: Measurement[] = [];
  try {
    const url = federation.gatewayUrl;
    const own = await federation.tokenFor({ role: "NCP_OFFICER", country: country.code });
    const receiver = await federation.tokenFor({ role: "NCP_OFFICER", country: "LT" });
    const rfp = await federation.tokenFor({ role: "RFP_ANALYST" });
    const store = await openCountryStore(federation.mongoUri(country), country.code);
    try {
      for (const size of options.sizes) {
        await seedScale(store, country, size, progressReporter());
        // What autovacuum would do a little later: fresh planner statistics after a bulk load.
        federation.storeSql(country, "ANALYZE");
        const middle = Math.floor(size / 2);
        const [someCase] = await store.Case.find({}, { _id: 1 })
          .sort({ _id: 1 })
          .skip(middle)
          .limit(1)
          .lean();
        const [someReferral] = await store.Referral.find({ to: "LT" }, { _id: 1 })
          .sort({ _id: -1 })
          .limit(1)
          .lean();
        const year = new Date().getUTCFullYear() - 1;
        const code = country.code;
        const cases = [
          [
            "a case by id",
            own,
            `{ country(code: "${code}") { case(id: "${someCase._id}") { id stage ageBand } } }`,
          ],
          [
            "the first page of cases",
            own,
            `{ country(code: "${code}") { cases(first: 20) { nodes { id stage } } } }`,
          ],
          [
            "a referral by id (the sender's half)",
            own,
            `{ country(code: "${code}") { referral(id: "${someReferral._id}") { id status purpose sentAt } } }`,
          ],
          [
            "a referral with both halves (LT officer)",
            receiver,
            `{ country(code: "${code}") { referral(id: "${someReferral._id}") { status response { decision } timeline { kind } } } }`,
          ],
          [
            "the LT inbox (10 countries)",
            receiver,
            "{ countries { referrals(first: 20) { nodes { id purpose urgency overdue } } } }",
          ],
          [
            `RFP: ${code}'s statistics for ${year}`,
            rfp,
            `{ country(code: "${code}") { statistics(period: { year: ${year} }) { tables { name total { value } } medians { name days } } } }`,
          ],
        ] as const;
        for (const [name, token, query] of cases) {
          const figures = await measure(url, token, query);
          results.push({ cases: size, name, ...figures });
          console.log(
            `${size.toLocaleString("en").padStart(9)} cases  ${name.padEnd(42)} p50 ${String(figures.p50).padStart(5)} ms  ` +
              `p99 ${String(figures.p99).padStart(5)} ms  (${figures.requests} requests, ${figures.failed} failed)`,
          );
        }
      }
    } finally {
      await store.close();
    }
  } finally {
    await federation.stop();
  }
  mkdirSync(join(BENCH_DIR, "results"), { recursive: true });
  const file = join(BENCH_DIR, "results", `scale-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        at: new Date(),
        machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) },
        country: country.code,
        requestsEach: REQUESTS,
        results,
      },
      null,
      2,
    ),
  );
  console.log(`\nResults written to ${file}`);
}
