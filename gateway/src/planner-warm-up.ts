import { Operation, operationFromDocument, Schema, Supergraph } from "@apollo/federation-internals";
import { QueryPlanner } from "@apollo/query-planner";
import { Kind, parse } from "graphql";
import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * How often the operations are planned: a second round lets V8 optimise the planner's hot functions. With
 * 13 country types, the nested inbox's first plan after one round took about 60-100 ms, after two 50-65 ms,
 * and after three 37 ms (docs/benchmarks.md, "Query planning"); each round costs about 0.8 s at start-up.
 */
const ROUNDS = 2;

/** Every operation of a document, as the gateway hands it to its planner (on the API schema). */
export function operationsOf(apiSchema: Schema, text: string): Operation[] {
  const document = parse(text);
  return document.definitions.flatMap((definition) =>
    definition.kind === Kind.OPERATION_DEFINITION
      ? [operationFromDocument(apiSchema, document, { operationName: definition.name?.value })]
      : [],
  );
}

/**
 * Plans the given operations, in a query planner of its own over the same supergraph, so that the
 * planner's code is compiled and optimised before the first caller arrives. The gateway keeps a plan per
 * query shape, but each new shape is planned from scratch, and the first ones in a new process also paid
 * for compiling the planner: about twice the time. The plans made here are dropped; the gateway's own
 * planner still plans every shape itself.
 *
 * Building the planner holds the event loop for about half a second; then one operation per turn of the
 * event loop, so health checks are answered meanwhile. Nothing here stops the gateway: an operation that
 * does not plan is reported and skipped, and a failed warm-up only costs the first callers time.
 */
export async function warmQueryPlanner(
  supergraphSdl: string,
  documents: Iterable<string>,
  log: (message: string) => void,
): Promise<void> {
  try {
    // Composition validated it, and the gateway does again outside production: no need to here.
    const supergraph = Supergraph.build(supergraphSdl, { validateSupergraph: false });
    const planner = new QueryPlanner(supergraph);
    let texts = [...documents];
    for (let round = 0; round < ROUNDS; round++) {
      const planned: string[] = [];
      for (const text of texts) {
        await nextTurn();
        try {
          for (const operation of operationsOf(supergraph.apiSchema(), text))
            planner.buildQueryPlan(operation);
          planned.push(text);
        } catch (error) {
          log(`an operation could not be planned while warming the planner: ${(error as Error).message}`);
        }
      }
      texts = planned;
    }
  } catch (error) {
    log(`the query planner could not be warmed: ${(error as Error).message}`);
  }
}
