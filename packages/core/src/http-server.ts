import { ApolloServer, ApolloServerOptions, BaseContext, HeaderMap } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import express from "express";
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";
import { bodyDigest, GATEWAY_CREDENTIAL_HEADER } from "./auth/gateway-credential";
import { isProduction } from "./config";
import { redactError } from "./errors/redact";

/** A request to `/graphql`, its JSON body parsed, and the digest of the bytes it was parsed from. */
export type GraphQLHttpRequest = IncomingMessage & { body?: unknown; bodyDigest?: string };

export interface GraphQLHttpServerOptions<TContext extends BaseContext> {
  apollo: ApolloServerOptions<TContext>;
  context: (request: GraphQLHttpRequest) => Promise<TContext>;
  port: number;
  /** Answers `/readyz`: true once the service can do its work (store connected, supergraph loaded). */
  isReady: () => Promise<boolean>;
  /** Extra routes (pages) mounted before GraphQL. */
  routes?: (app: express.Express) => void;
  bodyLimit?: string;
  /** How long a client may take to send its headers, and its whole request (SERVER_TIMEOUTS by default). */
  timeouts?: { headersMs: number; requestMs: number };
}

/**
 * A client that sends its request slowly holds a connection and a socket for as long as the server waits:
 * Node waits 60 s for the headers and 300 s for the whole request by default. A GraphQL request of at most
 * 100 kB needs far less on any line that can use this service.
 */
export const SERVER_TIMEOUTS = { headersMs: 10_000, requestMs: 30_000 };

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Serves GraphQL at `/graphql` plus `/healthz` and `/readyz`, on loopback unless HOST says otherwise. */
export async function startGraphQLHttpServer<TContext extends BaseContext>(
  options: GraphQLHttpServerOptions<TContext>,
): Promise<RunningServer> {
  const app = express();
  app.disable("x-powered-by");
  // `/graphql` is served by Apollo Server directly, without Express's router: it is every service's hot path.
  const timeouts = options.timeouts ?? SERVER_TIMEOUTS;
  // Connections are checked against the timeouts every second (Node's default is every 30 s).
  const httpServer: Server = createServer({ connectionsCheckingInterval: 1_000 }, (req, res) => {
    if (isGraphQLPath(req.url)) graphql(req, res);
    else app(req, res);
  });
  httpServer.headersTimeout = timeouts.headersMs;
  httpServer.requestTimeout = timeouts.requestMs;
  const production = isProduction();
  const formatError = options.apollo.formatError;
  const apollo = new ApolloServer<TContext>({
    ...options.apollo,
    // Stack traces (with the machine's paths) only when a developer asks for them.
    includeStacktraceInErrorResponses: !production && process.env.DEBUG_ERRORS === "1",
    formatError: (formatted, error) =>
      redactError(formatError ? formatError(formatted, error) : formatted, production),
    plugins: [
      ...(options.apollo.plugins ?? []),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Neither is used (no service gives cache hints or asks for traces in responses), and the cache hints'
      // plugin alone would wrap the resolution of every field of every request. Its one visible effect,
      // `Cache-Control: no-store` on every answer, is set below.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
    ],
  } as ApolloServerOptions<TContext>);
  await apollo.start();

  app.get("/healthz", (_req, res) => {
    res.json({ status: "alive" });
  });
  app.get("/readyz", async (_req, res) => {
    const ready = await options.isReady().catch(() => false);
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "not ready" });
  });
  options.routes?.(app);
  const parseJson = express.json({
    limit: options.bodyLimit ?? "100kb",
    // What a gateway credential is bound to: the bytes this server read (gateway-credential.ts), digested
    // only for a request that carries one.
    verify: (req, _res, raw) => {
      if (req.headers[GATEWAY_CREDENTIAL_HEADER]) (req as GraphQLHttpRequest).bodyDigest = bodyDigest(raw);
    },
  });
  const graphql = (req: GraphQLHttpRequest, res: ServerResponse) => {
    for (const [name, value] of Object.entries(GRAPHQL_RESPONSE_HEADERS)) res.setHeader(name, value);
    parseJson(req, res, (error?: unknown) => {
      if (error) return refuseRequest(error as RefusedRequest, res);
      answer(apollo, req, res, () => options.context(req)).catch((failure) => refuseRequest(failure, res));
    });
  };
  // Whatever else Express refuses is answered the same way.
  app.use(
    (error: RefusedRequest, _req: express.Request, res: express.Response, next: express.NextFunction) =>
      res.headersSent ? next(error) : refuseRequest(error, res),
  );

  const host = process.env.HOST ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, host, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://${host === "0.0.0.0" ? "localhost" : host}:${port}/graphql`,
    port,
    stop: () => apollo.stop(),
  };
}

/**
 * On every answer from `/graphql`, refusals included: no cache, shared or private, may keep it (it can hold
 * case data), and no browser may read it as anything but JSON.
 */
const GRAPHQL_RESPONSE_HEADERS = { "cache-control": "no-store", "x-content-type-options": "nosniff" };

/** Exactly `/graphql` (with or without a query string); anything else under it is Express's to refuse. */
const isGraphQLPath = (url = "") => {
  const path = url.split("?", 1)[0];
  return path === "/graphql" || path === "/graphql/";
};

/** One request through Apollo Server, as its own integrations pass it on. */
async function answer<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  req: GraphQLHttpRequest,
  res: ServerResponse,
  context: () => Promise<TContext>,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const url = req.url ?? "";
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: (req.method ?? "GET").toUpperCase(),
      headers,
      search: url.includes("?") ? url.slice(url.indexOf("?")) : "",
      body: req.body,
    },
    context,
  });
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === "complete") {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

type RefusedRequest = { type?: string; status?: number; expose?: boolean; message?: string };

/**
 * A request refused before GraphQL (a body that is not JSON, too large, in an unknown encoding) is answered
 * as GraphQL answers bad input: JSON with a stable code and a message a person can act on, never an HTML
 * page with a stack trace. Anything else is logged here and answered plainly.
 */
function refuseRequest(error: RefusedRequest, res: ServerResponse): void {
  const status = error?.status ?? 500;
  let message = "Internal server error";
  let code = "INTERNAL_SERVER_ERROR";
  if (status < 500) {
    code = "BAD_REQUEST";
    message =
      error.type === "entity.parse.failed"
        ? `The request body is not valid JSON (${error.message ?? "parse error"}); a GraphQL request is ` +
          '{"query": "...", "variables": {...}} with no raw line breaks inside strings.'
        : error.type === "entity.too.large"
          ? "The request body is larger than this service accepts."
          : error.expose && error.message
            ? error.message
            : "The request could not be read.";
  } else {
    console.error("Unexpected error outside GraphQL:", error);
  }
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status < 500 ? status : 500, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
