import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { operationFromDocument, Supergraph } from "@apollo/federation-internals";
import { QueryPlanner } from "@apollo/query-planner";
import { parse } from "graphql";
import mongoose from "mongoose";
import { CountryEntry } from "../../schema/countries";
import { countryTypeName, ENABLED_COUNTRIES, findCountry, nationalSubgraphName } from "../../schema/registry";
import {
  GATEWAY_CREDENTIAL_HEADER,
  signGatewayCredential,
} from "../../subgraphs/shared/src/auth/gateway-credential";
import { GATEWAY_KEY_ID, GATEWAY_SERVICE, loadSigningKey } from "../../subgraphs/shared/src/auth/keys";
import { ROOT_DIR } from "../../subgraphs/shared/src/paths";
import { LocalFederation } from "./federation";

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

const percentile = (sorted: number[], p: number) =>
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

async function post(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (!response.ok || body.errors) throw new Error(JSON.stringify(body.errors ?? response.status));
  return body.data;
}

const CONTACTS = "contactPoints { organisation email phone languages }";
export const FAN_OUT = `{ countries { code name ${CONTACTS} } }`;

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
    await post(directory, "{ countries { __typename code name } }", {}, {});
    await Promise.all(
      nationals.map(async ({ country, url, query, variables }) =>
        post(url, query, variables, {
          [GATEWAY_CREDENTIAL_HEADER]: await signGatewayCredential(key, nationalSubgraphName(country)),
        }),
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
    await post(url, query, variables, {
      [GATEWAY_CREDENTIAL_HEADER]: await signGatewayCredential(key, nationalSubgraphName(country)),
    });
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

const INBOX = `{ countries { referrals { nodes { id from { code name } to { code contactPoints { email } } purpose urgency overdue } } } }`;

/** Query planning on the checked-in supergraph: building the planner, then each plan cold and warm. */
export function planTimes(): Array<[string, number]> {
  const sdl = readFileSync(`${ROOT_DIR}/schema/supergraph.graphql`, "utf8");
  const times: Array<[string, number]> = [];
  let started = performance.now();
  const supergraph = Supergraph.build(sdl);
  const planner = new QueryPlanner(supergraph);
  times.push(["build the query planner", performance.now() - started]);
  for (const [name, query] of [
    ["plan the public fan-out", FAN_OUT],
    ["plan the nested inbox", INBOX],
  ]) {
    started = performance.now();
    planner.buildQueryPlan(operationFromDocument(supergraph.schema, parse(query)));
    times.push([`${name}, cold`, performance.now() - started]);
    started = performance.now();
    planner.buildQueryPlan(operationFromDocument(supergraph.schema, parse(query)));
    times.push([`${name}, again (no cache in the planner itself)`, performance.now() - started]);
  }
  return times;
}

export const SWEDEN = findCountry("SE")!;
