import { EventEmitter } from "node:events";
import { Agent, request } from "undici";

/** A subgraph's answer, read whole: the deadline covers the body too, and the gateway needs all of it. */
export interface SubgraphAnswer {
  status: number;
  body: string;
}

/** Sends one GraphQL request (its JSON body) to a subgraph and reads the answer. */
export type SubgraphPost = (
  url: string,
  headers: Record<string, string>,
  body: string,
) => Promise<SubgraphAnswer>;

/** A subgraph that did not answer in full within the deadline. */
export const isTimeout = (error: unknown): boolean => (error as Error | undefined)?.name === "TimeoutError";

/** A subgraph whose answer was larger than the gateway reads. */
export const isTooLarge = (error: unknown): boolean =>
  (error as { code?: string } | undefined)?.code === "UND_ERR_RES_EXCEEDED_MAX_SIZE";

/**
 * The largest answer the gateway reads from one subgraph. Pages hold at most 100 items and GraphQL Armor
 * bounds what one query may ask, so a legitimate answer is a small fraction of this; the bound keeps one
 * faulty or hostile subgraph from filling the gateway's heap, which is bounded too (`GATEWAY_NODE_FLAGS`),
 * and failing every caller.
 */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/**
 * The gateway's HTTP client toward subgraphs: undici's `request` over kept-alive connections. Not `fetch`:
 * the WHATWG layer over the same client cost the gateway about 0.35 ms of CPU per subgraph request, half
 * of its work in the public fan-out (docs/benchmarks.md).
 *
 * The deadline covers the whole exchange, connecting to the last byte of the answer, so that one slow
 * country cannot hold the whole response hostage, not even by sending its answer slowly. It is a plain
 * timer, cleared as soon as the answer is in, and an event emitter that undici takes as an abort signal:
 * an `AbortSignal` per request cost the gateway about 0.5 ms of CPU per fan-out and, with
 * `AbortSignal.timeout`, kept every request's listeners alive for the whole deadline.
 */
export function subgraphPost(timeoutMs: number, maxAnswerBytes = MAX_ANSWER_BYTES): SubgraphPost {
  const dispatcher = new Agent({ maxResponseSize: maxAnswerBytes });
  return async (url, headers, body) => {
    const abort = new EventEmitter();
    let late = false;
    const deadline = setTimeout(() => {
      late = true;
      abort.emit("abort");
    }, timeoutMs);
    try {
      const response = await request(url, { method: "POST", headers, body, dispatcher, signal: abort });
      return { status: response.statusCode, body: await response.body.text() };
    } catch (error) {
      if (late) throw Object.assign(new Error(`No answer within ${timeoutMs} ms`), { name: "TimeoutError" });
      throw error;
    } finally {
      clearTimeout(deadline);
    }
  };
}
