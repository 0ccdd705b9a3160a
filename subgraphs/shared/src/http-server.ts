import { ApolloServer, ApolloServerOptions, BaseContext } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import express from "express";
import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { isProduction } from "./config";

export interface GraphQLHttpServerOptions<TContext extends BaseContext> {
  apollo: ApolloServerOptions<TContext>;
  context: (request: express.Request) => Promise<TContext>;
  port: number;
  /** Answers `/readyz`: true once the service can do its work (store connected, supergraph loaded). */
  isReady: () => Promise<boolean>;
  /** Extra routes (pages) mounted before GraphQL. */
  routes?: (app: express.Express) => void;
  bodyLimit?: string;
}

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
  const httpServer: Server = createServer(app);
  const production = isProduction();
  const formatError = options.apollo.formatError;
  const apollo = new ApolloServer<TContext>({
    ...options.apollo,
    includeStacktraceInErrorResponses: !production,
    formatError: (formatted, error) => {
      const result = formatError ? formatError(formatted, error) : formatted;
      // In production an unexpected error says only that it happened: no messages from libraries or data.
      if (production && result.extensions?.code === "INTERNAL_SERVER_ERROR") {
        return {
          message: "Internal server error",
          path: result.path,
          extensions: { code: "INTERNAL_SERVER_ERROR" },
        };
      }
      return result;
    },
    plugins: [
      ...(options.apollo.plugins ?? []),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Neither is used (no service sends cache hints or asks for traces in responses), and the cache hints'
      // plugin alone would wrap the resolution of every field of every request.
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
  app.use(
    "/graphql",
    express.json({ limit: options.bodyLimit ?? "100kb" }),
    expressMiddleware(apollo, { context: ({ req }) => options.context(req) }),
  );
  // A request Express itself refuses (a body that is not JSON, too large, in an unknown encoding) is
  // answered as GraphQL answers bad input: JSON with a stable code and a message a person can act on,
  // never Express's HTML page with a stack trace. Anything else is logged here and answered plainly.
  app.use(
    (
      error: { type?: string; status?: number; expose?: boolean; message?: string },
      _req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (res.headersSent) return next(error);
      const status = error?.status ?? 500;
      if (status < 500) {
        const message =
          error.type === "entity.parse.failed"
            ? `The request body is not valid JSON (${error.message ?? "parse error"}); a GraphQL request is ` +
              '{"query": "...", "variables": {...}} with no raw line breaks inside strings.'
            : error.type === "entity.too.large"
              ? "The request body is larger than this service accepts."
              : error.expose && error.message
                ? error.message
                : "The request could not be read.";
        res.status(status).json({ errors: [{ message, extensions: { code: "BAD_REQUEST" } }] });
        return;
      }
      console.error("Unexpected error outside GraphQL:", error);
      res.status(500).json({
        errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }],
      });
    },
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
