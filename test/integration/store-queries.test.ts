import { readFileSync } from "node:fs";
import mongoose from "mongoose";
import { findCountry } from "#schema/registry";
import { openCountryStore } from "../../subgraphs/national/src/assembly";
import { Store } from "../../subgraphs/national/src/store";
import { useFederation } from "../support/federation";
import { INSTRUMENTED_FEDERATION, STORE_QUERY_LOG } from "../support/federation-pool";
import { graphql } from "../support/graphql";
import { CASE_INPUT, mutate, ok, RISK_ASSESSMENT_PROFILE } from "../support/referrals";

/**
 * What the national subgraphs ask of their stores, in the federation instrumented for it (which the
 * tracing suite shares).
 *
 * Indexes: every query the national subgraphs send to their stores, as recorded by the subgraphs
 * themselves (STORE_QUERY_LOG), is explained afterwards against the same store. The stores run with
 * sequential scans disabled, so PostgreSQL takes an index whenever one can serve the query: a collection
 * scan in a plan then means that no declared index serves it.
 *
 * And without autovacuum, so that no table is analysed: the plans are the planner's for tables of unknown
 * size, the same on every machine. With statistics gathered at a time that depends on the machine's load,
 * a small table's first page sorted by `_id` became an ordered walk of the primary key that DocumentDB's
 * explain calls COLLSCAN on one machine and not on another (docs/store.md).
 *
 * Round trips: the store's own API calls are counted inside PostgreSQL (pg_stat_statements counts each
 * statement as it ends), not from inside the subgraph.
 */
const THIS_YEAR = new Date().getUTCFullYear();
const federation = useFederation(INSTRUMENTED_FEDERATION);

interface Recorded {
  label: string;
  collection: string;
  method: string;
  args: unknown[];
}

/** Commands that read by a filter, and the explainable command that takes the same access path. */
function explainable({ collection, method, args }: Recorded): Record<string, unknown> | undefined {
  const [first, second, third] = args as [any, any, any];
  switch (method) {
    case "find":
    case "findOne":
      return {
        find: collection,
        filter: first ?? {},
        sort: second?.sort,
        limit: second?.limit,
        projection: second?.projection,
      };
    case "findOneAndUpdate":
    case "updateOne":
    case "updateMany":
    case "deleteOne":
    case "deleteMany":
      // The write's access path is its filter's; DocumentDB explains reads.
      return { find: collection, filter: first ?? {}, sort: third?.sort, limit: 1 };
    case "countDocuments":
      return { aggregate: collection, pipeline: [{ $match: first ?? {} }, { $count: "n" }], cursor: {} };
    case "aggregate":
      return { aggregate: collection, pipeline: first, cursor: {} };
    default:
      return undefined; // inserts, index and collection commands
  }
}

interface PlanNode {
  stage: string;
  indexName?: string;
  indexFilterSet?: unknown[];
}

function planNodes(plan: unknown, found: PlanNode[] = []): PlanNode[] {
  if (Array.isArray(plan)) plan.forEach((p) => planNodes(p, found));
  else if (plan && typeof plan === "object") {
    const node = plan as Record<string, unknown>;
    if (typeof node.stage === "string") found.push(node as unknown as PlanNode);
    Object.values(node).forEach((value) => planNodes(value, found));
  }
  return found;
}

/** The filter a command reads by: a find's filter, or an aggregation's leading `$match`. */
function filterOf(command: Record<string, any>): Record<string, unknown> {
  return command.filter ?? command.pipeline?.[0]?.$match ?? {};
}

/**
 * Why a plan is not index-backed, or undefined when it is. With sequential scans disabled, PostgreSQL
 * walks the whole `_id` index rather than scan the table, so a filtered query must also show an index
 * scan bounded by its filter (`indexFilterSet`, or the primary key for an `_id` filter): otherwise no
 * index serves it.
 */
function unindexed(command: Record<string, any>, plan: unknown): string | undefined {
  const nodes = planNodes(plan);
  if (nodes.some((n) => n.stage === "COLLSCAN")) return "collection scan";
  const filter = filterOf(command);
  if (!Object.keys(filter).length) return undefined;
  // An `_id` filter is bounded by the primary key, which explain shows without `indexFilterSet`.
  const byId = "_id" in filter && nodes.some((n) => n.stage === "IXSCAN" && n.indexName === "_id_");
  const bounded = byId || nodes.some((n) => n.stage === "IXSCAN" && n.indexFilterSet?.length);
  return bounded
    ? undefined
    : `no index bounds its filter (scans ${nodes.map((n) => n.indexName ?? n.stage).join(", ")})`;
}

describe("indexes", () => {
  it("every query the national subgraphs issue is served by an index, never a collection scan", async () => {
    const f = federation();
    const url = f.gatewayUrl;
    const se = await f.tokenFor({ role: "NCP_OFFICER", country: "SE" });
    const lt = await f.tokenFor({ role: "NCP_OFFICER", country: "LT" });
    const rfp = await f.tokenFor({ role: "RFP_ANALYST" });

    // The work an officer, a counterpart and the RFP do, through the gateway.
    await graphql(url, "{ countries { code contactPoints { organisation email } } }");
    const caseId = ok(
      await mutate(url, se, "SE", "createCase", { input: CASE_INPUT }),
      "SE",
      "createCase",
    ).id;
    const input = {
      idempotencyKey: "indexes-referral-1",
      caseId,
      to: "LT",
      purpose: "RISK_ASSESSMENT",
      urgency: "NORMAL",
      profile: RISK_ASSESSMENT_PROFILE,
    };
    const referral = ok(await mutate(url, se, "SE", "sendReferral", { input }), "SE", "sendReferral");
    ok(await mutate(url, se, "SE", "sendReferral", { input }), "SE", "sendReferral"); // a retry: replayed
    ok(
      await mutate(url, lt, "LT", "respondToReferral", {
        referralId: referral.id,
        version: 0,
        input: {
          decision: "ACCEPTED",
          riskAssessment: { completedOn: new Date().toISOString(), returnInBestInterests: true },
        },
      }),
      "LT",
      "respondToReferral",
    );
    ok(
      await mutate(url, lt, "LT", "recordReturnEvent", {
        referralId: referral.id,
        input: { idempotencyKey: "indexes-event-1", kind: "RECEIVED", occurredAt: new Date().toISOString() },
      }),
      "LT",
      "recordReturnEvent",
    );
    ok(
      await mutate(url, se, "SE", "sendReferralMessage", {
        referralId: referral.id,
        input: { idempotencyKey: "indexes-message-1", body: "Any news?" },
      }),
      "SE",
      "sendReferralMessage",
    );
    // The network: a partner added and removed (which also leaves the working group), a progress note.
    const partner = await graphql(
      url,
      `
        mutation ($input: PartnerInput!) {
          sweden {
            addPartner(input: $input) {
              id
              version
            }
          }
        }
      `,
      {
        token: se,
        variables: {
          input: {
            name: "Index Test Partner",
            kind: "NGO",
            services: ["SHELTER"],
            languages: ["sv"],
            regions: ["Malmö"],
            email: "index@ngo.example",
          },
        },
      },
    );
    const { id: partnerId, version: partnerVersion } = partner.data.sweden.addPartner;
    const removed = await graphql(
      url,
      `mutation { sweden { removePartner(id: "${partnerId}", version: ${partnerVersion}) } }`,
      { token: se },
    );
    expect(removed.errors).toBeUndefined();
    const progress = await graphql(
      url,
      `
        mutation ($on: DateTimeISO!) {
          sweden {
            reportPlanProgress(input: { itemId: "II.6", reportedOn: $on, text: "Met" }) {
              id
            }
          }
        }
      `,
      { token: se, variables: { on: new Date().toISOString() } },
    );
    expect(progress.errors).toBeUndefined();
    const reads = [
      [se, `{ countries { partners { id } } }`],
      [se, `{ countries { partners(service: SHELTER) { id } } }`],
      [se, `{ countries { partners(language: "ru") { id } } }`],
      [se, `{ countries { partners(service: SHELTER, language: "ru") { id } } }`],
      [rfp, `{ countries { workingGroup { members { id } } planProgress(year: ${THIS_YEAR}) { id } } }`],
      [rfp, `{ countries { planProgress(itemId: "II.6") { id } } }`],
      [rfp, `{ countries { planProgress(year: ${THIS_YEAR}, itemId: "II.6") { id } } }`],
      [se, `{ country(code: "SE") { cases(first: 5) { nodes { id } } } }`],
      [se, `{ country(code: "SE") { cases(first: 5, stage: IDENTIFIED) { nodes { id } } } }`],
      [se, `{ country(code: "SE") { case(id: "${caseId}") { returnReadiness { ready } } } }`],
      [
        lt,
        `{ country(code: "LT") { cases(first: 5, linkedReferralId: "${referral.id}") { nodes { id } } } }`,
      ],
      [se, `{ country(code: "SE") { referrals(first: 5) { nodes { id } } } }`],
      [se, `{ country(code: "SE") { referrals(first: 5, to: "LT", status: SENT) { nodes { id } } } }`],
      [se, `{ country(code: "SE") { referrals(first: 5, status: SENT) { nodes { id } } } }`],
      [
        se,
        `{ country(code: "SE") { referral(id: "${referral.id}") { id response { decision } timeline { kind } returnReadiness { ready } messages { body } deadlines { kind overdue } } } }`,
      ],
      [lt, `{ countries { referrals(first: 5) { nodes { id response { decision } } } } }`],
      [se, `{ country(code: "SE") { attention { nodes { referralId } } } }`],
      [lt, `{ countries { attention { nodes { referralId } } } }`],
      [se, `{ country(code: "SE") { auditTrail(first: 5) { nodes { seq } } } }`],
      [se, `{ country(code: "SE") { auditTrail(first: 5, outcome: REFUSED) { nodes { seq } } } }`],
      [se, `{ country(code: "SE") { auditTrail(first: 5, country: "LT") { nodes { seq } } } }`],
      [se, `{ country(code: "SE") { auditTrail(first: 5, policy: "readReferrals") { nodes { seq } } } }`],
      [se, `{ country(code: "SE") { statistics(period: { year: ${THIS_YEAR} }) { tables { name } } } }`],
      [rfp, `{ countries { statistics(period: { year: ${THIS_YEAR} }) { tables { name } } } }`],
      [rfp, `{ countries { auditHead { seq } } }`],
    ] as const;
    for (const [token, query] of reads) {
      const response = await graphql(url, query, { token });
      expect({ query, errors: response.errors }).toEqual({ query, errors: undefined });
    }

    const recorded = readFileSync(STORE_QUERY_LOG, "utf8")
      .trim()
      .split("\n")
      .map((line) => mongoose.mongo.BSON.EJSON.parse(line) as Recorded);
    const stores = new Map<string, Store>();
    const scans: string[] = [];
    const shapes = new Set<string>();
    try {
      for (const query of recorded) {
        const command = explainable(query);
        if (!command) continue;
        const shape = JSON.stringify([query.label, query.collection, query.method, shapeOf(command)]);
        if (shapes.has(shape)) continue;
        shapes.add(shape);
        let store = stores.get(query.label);
        if (!store) {
          store = await openCountryStore(f.mongoUri(findCountry(query.label)!), query.label);
          stores.set(query.label, store);
        }
        const explain = Object.fromEntries(Object.entries(command).filter(([, v]) => v !== undefined));
        const plan = await store.connection.db!.command({ explain, verbosity: "queryPlanner" });
        const reason = unindexed(explain, plan);
        if (reason)
          scans.push(
            `${query.label} ${query.collection}.${query.method}: ${reason}: ${JSON.stringify(explain)}`,
          );
      }
    } finally {
      await Promise.all([...stores.values()].map((s) => s.close()));
    }
    // The workload above reaches every collection the subgraphs query, by each way they query it.
    expect(shapes.size).toBeGreaterThan(20);
    expect(scans).toEqual([]);
  }, 120_000);
});

/** A command with its values replaced by their types: the query's shape. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value && typeof value === "object" && value.constructor === Object)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v)]));
  return typeof value;
}

/** The DocumentDB functions that serve MongoDB data commands: one statement per command. */
const DATA_COMMANDS = [
  "find_cursor_first_page",
  "aggregate_cursor_first_page",
  "cursor_get_more",
  "count_query",
  "distinct_query",
  "find_and_modify",
  "insert",
  "update",
  "delete",
];

/** Data commands a country's store has served so far. */
async function storeCommands(code: string): Promise<number> {
  const country = findCountry(code)!;
  federation().storeSql(country, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
  return Number(
    federation().storeSql(
      country,
      `SELECT coalesce(sum(calls), 0) FROM pg_stat_statements
        WHERE query ~ 'documentdb_api\\.(${DATA_COMMANDS.join("|")})\\('`,
    ),
  );
}

const LISTING = `query($first: Int!) { country(code: "SE") { referrals(first: $first) { nodes {
  id status to { code } response { decision version } timeline { kind recordedBy { code } } overdue acknowledgedAt
} } } }`;

describe("store round trips", () => {
  it("listing referrals with their responses and timelines costs the same number of store round trips for 10 or 100", async () => {
    const se = await federation().tokenFor({ role: "NCP_OFFICER", country: "SE" });
    const url = federation().gatewayUrl;
    const caseId = ok(
      await mutate(url, se, "SE", "createCase", { input: CASE_INPUT }),
      "SE",
      "createCase",
    ).id;
    const receivers = ["LT", "PL"];
    const receiverTokens = await Promise.all(
      receivers.map((country) => federation().tokenFor({ role: "NCP_OFFICER", country })),
    );
    const referAndAnswer = async (i: number) => {
      const to = receivers[i % receivers.length];
      const input = {
        idempotencyKey: `round-trip-${i}`,
        caseId,
        to,
        purpose: "RISK_ASSESSMENT",
        urgency: "NORMAL",
        profile: RISK_ASSESSMENT_PROFILE,
      };
      const referral = ok(await mutate(url, se, "SE", "sendReferral", { input }), "SE", "sendReferral");
      ok(
        await mutate(url, receiverTokens[i % receivers.length], to, "respondToReferral", {
          referralId: referral.id,
          version: 0,
          input: { decision: "ACKNOWLEDGED" },
        }),
        to,
        "respondToReferral",
      );
    };
    // One after another: each step's doorbells are delivered before the next, so that none is still
    // being delivered, reading the stores, while the listing's cost is counted.
    for (let i = 0; i < 100; i++) await referAndAnswer(i);

    const cost = async (first: number) => {
      const stores = ["SE", ...receivers];
      const before = await Promise.all(stores.map(storeCommands));
      const response = await graphql(url, LISTING, { variables: { first }, token: se });
      expect(response.errors).toBeUndefined();
      const nodes = response.data.country.referrals.nodes;
      expect(nodes).toHaveLength(first);
      for (const node of nodes) expect(node.response).toMatchObject({ decision: "ACKNOWLEDGED", version: 1 });
      const after = await Promise.all(stores.map(storeCommands));
      return after.reduce((sum, value, i) => sum + value - before[i], 0);
    };

    const ten = await cost(10);
    const hundred = await cost(100);
    console.log(`store round trips: ${ten} for 10 referrals, ${hundred} for 100`);
    expect(hundred).toBe(ten);
    // The sender lists its referrals and reads its own events; each receiver reads its responses, its
    // events and its messages, and appends one audit entry for the whole batch (read the head, insert).
    expect(ten).toBe(2 + receivers.length * (3 + 2));
  }, 120_000);
});
