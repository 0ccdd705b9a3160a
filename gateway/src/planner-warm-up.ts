import { operationFromDocument, Supergraph } from "@apollo/federation-internals";
import { QueryPlanner } from "@apollo/query-planner";
import { Kind, parse } from "graphql";
import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Plans the given operations once, in a query planner of its own over the same supergraph, so that the
 * planner's code is compiled before the first caller arrives. The gateway keeps a plan per query shape,
 * but each new shape is planned from scratch; the first one in a new process also paid for compiling the
 * planner, about twice the time (docs/benchmarks.md, "Query planning"). The plans made here are dropped:
 * the gateway's own planner still plans every shape itself.
 *
 * One operation per turn of the event loop, so health checks are answered meanwhile. An operation that
 * does not plan is reported and skipped: a failed warm-up only costs the first callers time.
 */
export async function warmQueryPlanner(
  supergraphSdl: string,
  documents: Iterable<string>,
  log: (message: string) => void,
): Promise<void> {
  const supergraph = Supergraph.build(supergraphSdl);
  const planner = new QueryPlanner(supergraph);
  for (const text of documents) {
    await nextTurn();
    try {
      const document = parse(text);
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        const operationName = definition.name?.value;
        planner.buildQueryPlan(operationFromDocument(supergraph.schema, document, { operationName }));
      }
    } catch (error) {
      log(`an operation could not be planned while warming the planner: ${(error as Error).message}`);
    }
  }
}
