import "./bench/bench-registry";
import "reflect-metadata";
import { Supergraph } from "@apollo/federation-internals";
import { QueryPlanner } from "@apollo/query-planner";
import { performance } from "node:perf_hooks";
import { operationsOf, warmQueryPlanner } from "../gateway/src/planner-warm-up";
import { trustedOperationsFrom } from "../gateway/src/trusted-operations";
import { ENABLED_COUNTRIES } from "#schema/registry";
import { generateArtifacts } from "./compose/artifacts";
import { PLANNED_SHAPES } from "./bench/bench-path";
import { operationFiles } from "./national-system/operations";

/**
 * Query planning, measured in a process of its own for each shape (`npm run bench` runs it with the shape's
 * name; `--all-countries` enables the invited neighbours too). The supergraph is composed from the registry
 * as `npm run compose` does and the planner is built. The shape is planned first in the new process, which
 * also compiles the planner's own code; with `--warmed`, first after the warm-up the gateway does at
 * start-up, so that is what the first caller of a started gateway waits for. Then it is planned again at
 * what stands for a running gateway: after the documented operations were planned. The gateway keeps plans
 * by shape, so only a query of a new shape pays this; the planner itself keeps none, so every call plans
 * from scratch.
 */
async function main(): Promise<void> {
  const shape = process.argv.slice(2).find((arg) => !arg.startsWith("--"))!;
  const query = PLANNED_SHAPES[shape];
  if (!query) throw new Error(`Name a shape: ${Object.keys(PLANNED_SHAPES).join(" or ")}.`);
  const warmed = process.argv.includes("--warmed");
  const artifacts = await generateArtifacts();
  const sdl = artifacts.get("schema/supergraph.graphql")!;
  const started = performance.now();
  const supergraph = Supergraph.build(sdl);
  const planner = new QueryPlanner(supergraph);
  const built = performance.now() - started;
  // As the gateway: its own planner is built when it loads the supergraph, then it warms up.
  if (warmed) {
    const trusted = trustedOperationsFrom(artifacts.get("schema/trusted-operations.json")!);
    await warmQueryPlanner(sdl, trusted.values(), (message) => console.warn(message));
  }
  const time = (text: string) => {
    const start = performance.now();
    for (const operation of operationsOf(supergraph.apiSchema(), text)) planner.buildQueryPlan(operation);
    return performance.now() - start;
  };
  const first = time(query);
  for (const { text } of await operationFiles()) time(text);
  const running = Array.from({ length: 5 }, () => time(query)).sort((a, b) => a - b)[2];
  console.log(
    `  ${ENABLED_COUNTRIES.length} country types, ${shape.padEnd(18)} first ` +
      `${warmed ? "after the start-up warm-up" : "in a new process          "} ` +
      `${first.toFixed(1).padStart(6)} ms, at a running gateway ${running.toFixed(1).padStart(6)} ms ` +
      `(median of 5; building the planner took ${built.toFixed(0)} ms)`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
