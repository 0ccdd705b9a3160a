import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT_DIR } from "#core";

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
      "packages",
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

    it("a circle of imports", () => {
      // Reported once, from the first file of the circle it meets.
      expect([
        ...rulesFiredFrom(fixtures.output, "referral/circle-a.ts"),
        ...rulesFiredFrom(fixtures.output, "referral/circle-b.ts"),
      ]).toEqual(["no-circular-imports"]);
    });

    it.each([
      ["a type-only import from a module floor above", "case/climbs-by-type.ts", "no-import-up-from-case"],
      [
        "a national module importing another on its floor",
        "modules/case/reaches-across.ts",
        "no-import-across-case",
      ],
      [
        "a national module importing the wiring",
        "modules/case/uses-wiring.ts",
        "modules-do-not-import-the-wiring",
      ],
      [
        "a national module folder on no floor",
        "modules/unlisted/new-module.ts",
        "every-folder-on-a-floor-testfixtureslayerssubgraphsnationalsrcmodules",
      ],
      [
        "the national request's frame naming a module",
        "national/src/context.type.ts",
        "the-frame-imports-no-module",
      ],
      [
        "a directory module importing one above it",
        "events/follows-activities.ts",
        "no-import-up-from-events",
      ],
      [
        "a directory module importing another on its floor",
        "witness/asks-events.ts",
        "no-import-across-events",
      ],
      [
        "the directory's frame naming a module",
        "directory/src/store.ts",
        "the-directory-frame-imports-no-module",
      ],
      [
        "a directory module importing the wiring",
        "events/uses-wiring.ts",
        "directory-modules-do-not-import-the-wiring",
      ],
      ["the registry importing a service", "schema/reaches-up.ts", "schema-imports-nothing-of-the-project"],
      ["a service importing another", "gateway/src/asks-a-subgraph.ts", "services-do-not-import-each-other"],
      [
        "a service importing a script",
        "gateway/src/uses-a-script.ts",
        "services-do-not-import-scripts-or-tests",
      ],
      ["a script importing tests", "scripts/uses-a-test.ts", "scripts-do-not-import-tests"],
      ["a scripts folder importing one above it", "process/uses-store.ts", "no-import-up-from-process"],
      ["shared code importing a service", "core/src/reaches-up.ts", "core-imports-only-schema"],
      [
        "the gateway importing all of the shared package, not its edge",
        "gateway/src/takes-all-of-core.ts",
        "the-gateway-takes-only-the-edge-of-core",
      ],
      [
        "a service reaching past the shared package's public face",
        "gateway/src/reaches-into-core.ts",
        "core-only-through-its-public-face",
      ],
    ])("%s", (_what, file, rule) => {
      expect(rulesFiredFrom(fixtures.output, file)).toEqual([rule]);
    });
  });
});
