import "./lib/bench-registry";
import "reflect-metadata";
import { operationFromDocument, Supergraph } from "@apollo/federation-internals";
import { QueryPlanner } from "@apollo/query-planner";
import { Kind, parse } from "graphql";
import { performance } from "node:perf_hooks";
import { ENABLED_COUNTRIES } from "../schema/registry";
import { generateArtifacts } from "./lib/artifacts";
import { FAN_OUT, INBOX } from "./lib/bench-path";
import { operationFiles } from "./lib/operations";

/**
 * Query planning, measured in a process of its own (`npm run bench` runs it; `--all-countries` enables
 * the invited neighbours too): the supergraph is composed from the registry as `npm run compose` does, then
 * the planner is built and asked for plans. The gateway keeps plans by shape, so only a query of a new shape
 * pays this; the planner itself keeps none, so every call below plans from scratch.
 */
async function main(): Promise<void> {
  const sdl = (await generateArtifacts()).get("schema/supergraph.graphql")!;
  const started = performance.now();
  const supergraph = Supergraph.build(sdl);
  const planner = new QueryPlanner(supergraph);
  const time = (query: string, operationName?: string) => {
    const start = performance.now();
    planner.buildQueryPlan(operationFromDocument(supergraph.schema, parse(query), { operationName }));
    return performance.now() - start;
  };
  const lines: Array<[string, number]> = [["build the query planner", performance.now() - started]];
  // The first plans of the process also pay for compiling the planner's own code.
  lines.push(["the fan-out, first plan of the process", time(FAN_OUT)]);
  // A running gateway has planned other shapes: the documented operations, say.
  for (const { text } of await operationFiles()) {
    for (const definition of parse(text).definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION) time(text, definition.name?.value);
    }
  }
  // The planner keeps no plans (the gateway does, by shape): every call plans from scratch, as a new shape.
  const median = (query: string) => {
    const times = Array.from({ length: 5 }, () => time(query)).sort((a, b) => a - b);
    return times[2];
  };
  lines.push(["the fan-out, at a running gateway (median of 5)", median(FAN_OUT)]);
  lines.push(["the nested inbox, at a running gateway (median of 5)", median(INBOX)]);
  console.log(`Query planning with ${ENABLED_COUNTRIES.length} country types:`);
  for (const [name, ms] of lines) console.log(`  ${name.padEnd(58)} ${ms.toFixed(1).padStart(8)} ms`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
