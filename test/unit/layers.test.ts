import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT_DIR } from "../../subgraphs/shared/src/paths";

const FIXTURES = "test/fixtures/layers/";

/** dependency-cruiser is an ES module; run as its CLI, as `npm run layers` does. */
function cruise(config: string, folders: string[]): { status: number | null; output: string } {
  const result = spawnSync(
    process.execPath,
    [
      join(ROOT_DIR, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs"),
      "--config",
      config,
      "--output-type",
      "err",
      ...folders,
    ],
    { cwd: ROOT_DIR, encoding: "utf8" },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The rule names the output reports for a file of the fixtures, e.g. `case/climbs-by-type.ts`. */
function rulesFiredFrom(output: string, file: string): string[] {
  return output
    .split("\n")
    .filter((line) => new RegExp(`^\\s*error ([\\w-]+): ${FIXTURES}\\S*${file} `).test(line))
    .map((line) => /error ([\w-]+):/.exec(line)![1])
    .sort();
}

describe("the layers of docs/architecture.md", () => {
  it("no import runs up a layer, across services, up or across a subgraph's module floors, or in a circle", () => {
    const { status, output } = cruise(".dependency-cruiser.js", [
      "schema",
      "subgraphs",
      "gateway",
      "scripts",
      "test",
    ]);
    expect(output).toMatch(/no dependency violations found \((\d{3,}) modules/);
    expect(status).toBe(0);
  });

  describe("each rule fires on a file that breaks it (test/fixtures/layers)", () => {
    let dir: string;
    let fixtures: { status: number | null; output: string };
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), "layers-"));
      // The project's own rules and options, for the fixtures' copy of the layout.
      const config = join(dir, "fixtures.dependency-cruiser.js");
      writeFileSync(
        config,
        `const project = require(${JSON.stringify(join(ROOT_DIR, ".dependency-cruiser.js"))});
module.exports = {
  forbidden: project.layerRules(${JSON.stringify(FIXTURES)}),
  options: { ...project.options, exclude: { path: "^(dist|node_modules)/" } },
};
`,
      );
      fixtures = cruise(config, [FIXTURES]);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("fails the check", () => expect(fixtures.status).not.toBe(0));

    it("a type-only import from a module floor above", () => {
      expect(rulesFiredFrom(fixtures.output, "case/climbs-by-type.ts")).toEqual(["no-import-up-from-case"]);
    });

    it("a circle of imports", () => {
      // Reported once, from the first file of the circle it meets.
      expect([
        ...rulesFiredFrom(fixtures.output, "referral/circle-a.ts"),
        ...rulesFiredFrom(fixtures.output, "referral/circle-b.ts"),
      ]).toEqual(["no-circular-imports"]);
    });

    it("a module of the directory subgraph importing one above it, or the wiring", () => {
      expect(rulesFiredFrom(fixtures.output, "events/follows-activities.ts")).toEqual([
        "no-import-up-from-events",
      ]);
      expect(rulesFiredFrom(fixtures.output, "events/uses-wiring.ts")).toEqual([
        "directory-modules-do-not-import-the-wiring",
      ]);
    });

    it("the registry importing a service, a service importing another, a script importing tests", () => {
      expect(rulesFiredFrom(fixtures.output, "schema/reaches-up.ts")).toEqual([
        "schema-imports-nothing-of-the-project",
      ]);
      expect(rulesFiredFrom(fixtures.output, "gateway/src/asks-a-subgraph.ts")).toEqual([
        "services-do-not-import-each-other",
      ]);
      expect(rulesFiredFrom(fixtures.output, "scripts/uses-a-test.ts")).toEqual([
        "scripts-do-not-import-tests",
      ]);
      expect(rulesFiredFrom(fixtures.output, "gateway/src/uses-a-script.ts")).toEqual([
        "services-do-not-import-scripts-or-tests",
      ]);
    });

    it("a module of the national subgraph importing another on its own floor", () => {
      expect(rulesFiredFrom(fixtures.output, "modules/case/reaches-across.ts")).toEqual([
        "no-import-across-case",
      ]);
    });

    it("a module of the national subgraph importing the wiring", () => {
      expect(rulesFiredFrom(fixtures.output, "modules/case/uses-wiring.ts")).toEqual([
        "modules-do-not-import-the-wiring",
      ]);
    });

    it("shared code importing a service", () => {
      expect(rulesFiredFrom(fixtures.output, "shared/src/reaches-up.ts")).toEqual([
        "shared-imports-only-schema",
      ]);
    });
  });
});
