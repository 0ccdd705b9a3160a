import { findCountry } from "../../schema/registry";
import { useFederation } from "../support/federation";
import { graphql } from "../support/graphql";
import { CASE_INPUT, mutate, ok, RISK_ASSESSMENT_PROFILE } from "../support/referrals";

// Count the store's own API calls inside PostgreSQL (pg_stat_statements counts each statement as it
// ends), not from inside the subgraph.
const federation = useFederation({ storeSettings: { shared_preload_libraries: "pg_stat_statements" } });
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
    for (let i = 0; i < 100; i++) {
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
      const receiverToken = await federation().tokenFor({ role: "NCP_OFFICER", country: to });
      ok(
        await mutate(url, receiverToken, to, "respondToReferral", {
          referralId: referral.id,
          version: 0,
          input: { decision: "ACKNOWLEDGED" },
        }),
        to,
        "respondToReferral",
      );
    }

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
