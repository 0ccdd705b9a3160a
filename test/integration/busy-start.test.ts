import { ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { ENABLED_COUNTRIES } from "../../schema/registry";
import { LocalFederation } from "../../scripts/lib/federation";
import { ROOT_DIR } from "../../subgraphs/shared/src/paths";
import { TEST_PORT_BASE } from "../support/federation";
import { graphql } from "../support/graphql";

/** A process that keeps one core busy for at most `seconds`, and is killed by the test before that. */
function burner(seconds: number): ChildProcess {
  return spawn(
    process.execPath,
    ["-e", `const end = Date.now() + ${seconds * 1000}; while (Date.now() < end) {}`],
    {
      stdio: "ignore",
    },
  );
}

describe("starting on a busy machine", () => {
  it("the whole federation becomes ready while every core is kept busy", async () => {
    mkdirSync(join(ROOT_DIR, ".test-data"), { recursive: true });
    const dataDir = mkdtempSync(join(ROOT_DIR, ".test-data", "busy-"));
    const burners = cpus().map(() => burner(240));
    let federation: LocalFederation | undefined;
    try {
      federation = await LocalFederation.start({ dataDir, portBase: TEST_PORT_BASE, log: () => undefined });
      const response = await graphql(federation.gatewayUrl, "{ countries { code contactPoints { email } } }");
      expect(response.errors).toBeUndefined();
      expect(response.data.countries).toHaveLength(ENABLED_COUNTRIES.length);
      for (const country of response.data.countries) expect(country.contactPoints.length).toBeGreaterThan(0);
    } finally {
      burners.forEach((b) => b.kill("SIGKILL"));
      await federation?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
