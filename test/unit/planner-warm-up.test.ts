import { readFileSync } from "node:fs";
import { join } from "node:path";
import { warmQueryPlanner } from "../../gateway/src/planner-warm-up";

/** The gateway plans the trusted operations at start-up before it reports ready (docs/benchmarks.md). */
describe("warming the gateway's query planner", () => {
  const supergraph = readFileSync(join(__dirname, "../../schema/supergraph.graphql"), "utf8");

  it("plans every operation it is given, and reports one that cannot be planned without stopping", async () => {
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
});
