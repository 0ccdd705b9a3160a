import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { ROOT_DIR } from "#core";
import { generateArtifacts } from "./compose/artifacts";
import { OPERATION_TYPES_FILE, operationTypes } from "./national-system/operation-types";

/**
 * `npm run compose`: writes each subgraph's SDL, the composed supergraph, its API schema and
 * docker-compose.yml from the registry, and the TypeScript types of docs/operations. `npm run compose -- --check` writes nothing and fails when any of them is stale.
 */
async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  const stale: string[] = [];
  const files = await generateArtifacts();
  // Outside generateArtifacts: the code generator is an ES module, which the test runner cannot load.
  files.set(OPERATION_TYPES_FILE, await operationTypes(files.get("schema/api.graphql")!));
  for (const [path, content] of files) {
    const file = join(ROOT_DIR, path);
    const current = await readFile(file, "utf8").catch(() => undefined);
    if (current === content) continue;
    stale.push(path);
    if (!check) {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content);
    }
  }
  if (check && stale.length) {
    console.error(`Stale generated files (run npm run compose): ${stale.join(", ")}`);
    process.exit(1);
  }
  console.log(
    stale.length ? `${check ? "Stale" : "Wrote"}: ${stale.join(", ")}` : "Generated files are up to date.",
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
