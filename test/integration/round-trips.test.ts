import { findCountry } from "../../schema/registry";
import { useFederation } from "../support/federation";
import { graphql, tokenFor } from "../support/graphql";
import { CASE_INPUT, mutate, ok, RISK_ASSESSMENT_PROFILE } from "../support/referrals";

const federation = useFederation();
const DATA_COMMANDS = new Set([
  "find",
  "aggregate",
  "count",
  "distinct",
  "getMore",
  "findAndModify",
  "insert",
  "update",
  "delete",
]);

/** Data commands a country's FerretDB has served so far, read from its Prometheus metrics. */
async function storeCommands(code: string): Promise<number> {
  const port = federation().ports.storeMetrics(findCountry(code)!);
  const metrics = await (await fetch(`http://127.0.0.1:${port}/debug/metrics`)).text();
  let total = 0;
  for (const match of metrics.matchAll(/^ferretdb_client_requests_total\{command="([^"]+)"[^}]*\} (\d+)/gm)) {
    if (DATA_COMMANDS.has(match[1])) total += Number(match[2]);
  }
  return total;
}

const LISTING = `query($first: Int!) { country(code: "SE") { referrals(first: $first) { nodes {
  id status to { code } response { decision version } timeline { kind recordedBy { code } } overdue acknowledgedAt
} } } }`;

describe("store round trips", () => {
  it("listing referrals with their responses and timelines costs the same number of store round trips for 10 or 100", async () => {
    const keys = federation().keysDir;
    const se = await tokenFor(keys, { role: "NCP_OFFICER", country: "SE" });
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
      const receiverToken = await tokenFor(keys, { role: "NCP_OFFICER", country: to });
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
    // The sender lists its referrals and reads its own events; each receiver reads its responses and its
    // events, and appends one audit entry for the whole batch (read the head, insert).
    expect(ten).toBe(2 + receivers.length * (2 + 2));
  }, 120_000);
});
