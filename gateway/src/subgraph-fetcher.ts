import { Fetcher, FetcherHeaders, FetcherRequestInit, FetcherResponse } from "@apollo/utils.fetcher";
import { EventEmitter } from "node:events";
import { STATUS_CODES } from "node:http";
import { Agent, request } from "undici";

/**
 * A subgraph's answer, read whole before it is handed on: the deadline covers the body too, and the
 * gateway reads every answer in full anyway.
 */
class BufferedResponse implements FetcherResponse {
  readonly bodyUsed = false;
  readonly redirected = false;
  readonly ok: boolean;
  readonly statusText: string;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly headers: FetcherHeaders,
    private readonly body: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.statusText = STATUS_CODES[status] ?? "";
  }

  async text() {
    return this.body;
  }

  async json() {
    return JSON.parse(this.body);
  }

  async arrayBuffer() {
    return new TextEncoder().encode(this.body).buffer as ArrayBuffer;
  }

  clone() {
    return new BufferedResponse(this.url, this.status, this.headers, this.body);
  }
}

/** A subgraph that did not answer in full within the deadline. */
export const isTimeout = (error: unknown): boolean => (error as Error | undefined)?.name === "TimeoutError";

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
export function subgraphFetcher(timeoutMs: number): Fetcher {
  const dispatcher = new Agent();
  return async (url: string, init: FetcherRequestInit = {}) => {
    const abort = new EventEmitter();
    let late = false;
    const deadline = setTimeout(() => {
      late = true;
      abort.emit("abort");
    }, timeoutMs);
    try {
      const response = await request(url, {
        method: (init.method ?? "GET") as "GET" | "POST",
        headers: init.headers,
        body: init.body,
        dispatcher,
        signal: abort,
      });
      const body = await response.body.text();
      // Node's Headers is iterable; the DOM typings this project compiles with do not say so.
      const headers = new Headers() as unknown as FetcherHeaders;
      for (const [name, value] of Object.entries(response.headers)) {
        for (const one of Array.isArray(value) ? value : [value ?? ""]) headers.append(name, one);
      }
      return new BufferedResponse(url, response.statusCode, headers, body);
    } catch (error) {
      if (late) throw Object.assign(new Error(`No answer within ${timeoutMs} ms`), { name: "TimeoutError" });
      throw error;
    } finally {
      clearTimeout(deadline);
    }
  };
}
