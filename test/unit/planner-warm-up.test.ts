import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { warmQueryPlanner } from "../../gateway/src/planner-warm-up";

/** The gateway plans the trusted operations at start-up before it reports ready (docs/deploy.md). */
describe("warming the gateway's query planner", () => {
  const supergraph = readFileSync(join(__dirname, "../../schema/supergraph.graphql"), "utf8");

  it("plans every operation it is given, and reports one that cannot be planned once, without stopping", async () => {
    const reported: string[] = [];
    await warmQueryPlanner(
      supergraph,
      [
        "query Directory { countries { code name } }",
        "{ countries { noSuchField } }",
        "query Inbox { countries { referrals { nodes { id to { code } } } } }",
      ],
      (message) => reported.push(message),
    );
    expect(reported).toEqual([expect.stringContaining('Cannot query field "noSuchField"')]);
  });

  it("reports a supergraph it cannot read instead of failing the gateway's start", async () => {
    const reported: string[] = [];
    await warmQueryPlanner("type Query { nothing: String }", ["{ nothing }"], (message) =>
      reported.push(message),
    );
    expect(reported).toEqual([expect.stringMatching(/^the query planner could not be warmed: /)]);
  });

  it("warms the same planner code the gateway runs: one copy of the planner packages", () => {
    const gatewayDir = dirname(require.resolve("@apollo/gateway"));
    for (const name of ["@apollo/query-planner", "@apollo/federation-internals"]) {
      expect(require.resolve(name, { paths: [gatewayDir] })).toBe(require.resolve(name));
    }
  });
});
