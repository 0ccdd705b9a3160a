// scripts/bench/: the parts of `npm run bench` (scripts/bench.ts, scripts/bench-plan.ts). This file drives
// load through the request path and measures its parts; bench-scale.ts reads one store at 10 000 to
// 1 000 000 cases; bench-registry.ts enables every country for the planner's measurements.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import mongoose from "mongoose";
import { Agent, request } from "undici";
import { CountryEntry } from "#schema/countries";
import { countryTypeName, ENABLED_COUNTRIES, findCountry, nationalSubgraphName } from "#schema/registry";
import {
  GATEWAY_CREDENTIAL_HEADER,
  GATEWAY_KEY_ID,
  GATEWAY_SERVICE,
  loadSigningKey,
  signGatewayCredential,
} from "#core";
import { LocalFederation } from "../federation/federation";

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

export const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;

/** Runs `task` from `concurrency` workers for `durationMs`, each waiting for its last task: closed-loop load. */
export async function closedLoop(
  concurrency: number,
  durationMs: number,
  task: () => Promise<void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const start = performance.now();
        try {
          await task();
          latencies.push(performance.now() - start);
        } catch {
          errors++;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    perSecond: latencies.length / (durationMs / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
  };
}

/** The load generator's client: undici over kept-alive connections, cheap enough not to be what is measured. */
const dispatcher = new Agent({ keepAliveTimeout: 30_000 });

async function post(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headersFor: (body: string) => Promise<Record<string, string>> | Record<string, string>,
) {
  const body = JSON.stringify({ query, variables });
  const response = await request(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(await headersFor(body)) },
    body,
    dispatcher,
  });
  const answer = (await response.body.json()) as { data?: any; errors?: unknown[] };
  if (response.statusCode !== 200 || answer.errors)
    throw new Error(JSON.stringify(answer.errors ?? response.statusCode));
  return answer.data;
}

const CONTACTS = "contactPoints { organisation email phone languages }";
export const FAN_OUT = `{ countries { code name ${CONTACTS} } }`;

/** The public fan-out, asked of the gateway. */
export function gatewayFanOut(federation: LocalFederation) {
  const url = federation.gatewayUrl.replace("localhost", "127.0.0.1");
  return async () => {
    await post(url, FAN_OUT, {}, () => ({}));
  };
}

/** The part of the fan-out a national subgraph answers: its country's contact points, by reference. */
const entitiesQuery = (country: CountryEntry) =>
  `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${countryTypeName(country)} { ${CONTACTS} } } }`;

/**
 * The work of the fan-out that no gateway can avoid: one request to the directory, then one `_entities`
 * request to every country at once, each with a gateway credential of its own. Run as a client, with no
 * query planning: the floor the gateway is measured against.
 */
export async function floorClient(federation: LocalFederation) {
  const key = await loadSigningKey(federation.serviceKeysDir(GATEWAY_SERVICE), GATEWAY_KEY_ID);
  const directory = `http://127.0.0.1:${federation.ports.directory}/graphql`;
  const nationals = ENABLED_COUNTRIES.map((country) => ({
    country,
    url: federation.nationalUrl(country),
    query: entitiesQuery(country),
    variables: { r: [{ __typename: countryTypeName(country), code: country.code }] },
  }));
  return async () => {
    await post(directory, "{ countries { __typename code name } }", {}, () => ({}));
    await Promise.all(
      nationals.map(async ({ country, url, query, variables }) =>
        post(url, query, variables, async (body) => ({
          [GATEWAY_CREDENTIAL_HEADER]: await signGatewayCredential(key, nationalSubgraphName(country), body),
        })),
      ),
    );
  };
}

/** One national subgraph's share of the fan-out, asked directly with a fresh gateway credential. */
export async function entityFetch(federation: LocalFederation, country: CountryEntry) {
  const key = await loadSigningKey(federation.serviceKeysDir(GATEWAY_SERVICE), GATEWAY_KEY_ID);
  const url = federation.nationalUrl(country);
  const query = entitiesQuery(country);
  const variables = { r: [{ __typename: countryTypeName(country), code: country.code }] };
  return async () => {
    await post(url, query, variables, async (body) => ({
      [GATEWAY_CREDENTIAL_HEADER]: await signGatewayCredential(key, nationalSubgraphName(country), body),
    }));
  };
}

/** The store's own time for the same read: the driver alone, the same query the subgraph sends. */
export async function storeRead(federation: LocalFederation, country: CountryEntry) {
  const connection = await mongoose.createConnection(federation.mongoUri(country)).asPromise();
  const collection = connection.db!.collection("contact_points");
  return {
    task: async () => {
      await collection.find({}).sort({ organisation: 1, unit: 1, _id: 1 }).toArray();
    },
    close: () => connection.close(),
  };
}

/** Resident memory of a process, in MB, from /proc. */
export function residentMb(pid: number | undefined): number {
  if (!pid) return NaN;
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return kb / 1024;
}

/** An NCP's inbox across the region, with each receiver's contact points: the deepest planned shape. */
export const INBOX = `{ countries { referrals { nodes { id from { code name } to { code contactPoints { email } } purpose urgency overdue } } } }`;

/** The shapes whose planning `npm run bench` measures, by the name it prints (`bench-plan.ts`). */
export const PLANNED_SHAPES: Record<string, string> = {
  "the public fan-out": FAN_OUT,
  "the nested inbox": INBOX,
};

/** CPU time a process has used so far, user and system, in ms (from /proc). */
export function cpuMs(pid: number | undefined): number {
  if (!pid) return NaN;
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // After the command name, which is in parentheses and may itself hold any character.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime, in clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export const SWEDEN = findCountry("SE")!;
