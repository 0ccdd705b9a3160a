import "./lib/bench-registry";
import "reflect-metadata";
import { operationFromDocument, Supergraph } from "@apollo/federation-internals";
import { QueryPlanner } from "@apollo/query-planner";
import { Kind, parse } from "graphql";
import { performance } from "node:perf_hooks";
import { warmQueryPlanner } from "../gateway/src/planner-warm-up";
import { trustedOperationsFrom } from "../gateway/src/trusted-operations";
import { ENABLED_COUNTRIES } from "../schema/registry";
import { generateArtifacts } from "./lib/artifacts";
import { PLANNED_SHAPES } from "./lib/bench-path";
import { operationFiles } from "./lib/operations";

/**
 * Query planning, measured in a process of its own for each shape (`npm run bench` runs it with the shape's
 * name; `--all-countries` enables the invited neighbours too): the supergraph is composed from the registry
 * as `npm run compose` does, the planner is built, and the shape is planned first in the new process (which
 * also compiles the planner's own code), then again at what stands for a running gateway: after the
 * documented operations were planned. With `--warmed` the process first warms a planner of its own with the
 * trusted operations, as the gateway does at start-up, so the first plan is what the first caller of a started gateway waits for. The
 * gateway keeps plans by shape, so only a query of a new shape pays this; the planner itself keeps none, so
 * every call plans from scratch.
 */
async function main(): Promise<void> {
  const shape = process.argv.slice(2).find((arg) => !arg.startsWith("--"))!;
  const query = PLANNED_SHAPES[shape];
  if (!query) throw new Error(`Name a shape: ${Object.keys(PLANNED_SHAPES).join(" or ")}.`);
  const warmed = process.argv.includes("--warmed");
  const artifacts = await generateArtifacts();
  const sdl = artifacts.get("schema/supergraph.graphql")!;
  if (warmed) {
    const trusted = trustedOperationsFrom(artifacts.get("schema/trusted-operations.json")!);
    await warmQueryPlanner(sdl, trusted.values(), (message) => console.warn(message));
  }
  const started = performance.now();
  const supergraph = Supergraph.build(sdl);
  const planner = new QueryPlanner(supergraph);
  const built = performance.now() - started;
  const time = (text: string, operationName?: string) => {
    const start = performance.now();
    planner.buildQueryPlan(operationFromDocument(supergraph.schema, parse(text), { operationName }));
    return performance.now() - start;
  };
  const first = time(query);
  for (const { text } of await operationFiles()) {
    for (const definition of parse(text).definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION) time(text, definition.name?.value);
    }
  }
  const running = Array.from({ length: 5 }, () => time(query)).sort((a, b) => a - b)[2];
  console.log(
    `  ${ENABLED_COUNTRIES.length} country types, ${shape.padEnd(18)} first in a new process ` +
      `${warmed ? "(warmed at start-up) " : ""}` +
      `${first.toFixed(1).padStart(6)} ms, at a running gateway ${running.toFixed(1).padStart(6)} ms ` +
      `(median of 5; building the planner took ${built.toFixed(0)} ms)`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
