import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT_DIR } from "../../subgraphs/shared/src/paths";

/** dependency-cruiser is an ES module; run as its CLI, as `npm run layers` does. */
function cruise(): { status: number | null; output: string } {
  const result = spawnSync(
    process.execPath,
    [
      join(ROOT_DIR, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs"),
      "--config",
      ".dependency-cruiser.js",
      "--output-type",
      "err",
      "schema",
      "subgraphs",
      "gateway",
      "scripts",
      "test",
    ],
    { cwd: ROOT_DIR, encoding: "utf8" },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("the layers of docs/architecture.md", () => {
  it("no import runs up a layer, across services, or up or across the national subgraph's module floors", () => {
    const { status, output } = cruise();
    expect(output).toMatch(/no dependency violations found \((\d{3,}) modules/);
    expect(status).toBe(0);
  });
});
