import { basename, dirname } from "node:path";
import type { NodeSDK } from "@opentelemetry/sdk-node";

/**
 * OpenTelemetry tracing for a service, on when the standard variables ask for it (`OTEL_TRACES_EXPORTER`,
 * `OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`; `OTEL_SDK_DISABLED=true` turns it
 * off), which also choose the exporter, its endpoint and protocol. Spans cover HTTP in and out (the W3C
 * `traceparent` header carries the trace from the gateway to the subgraphs and back) and the gateway's
 * planning and fetches. No span carries a request or response body, variables or a GraphQL document: the
 * HTTP instrumentation records methods, routes and statuses, and the gateway leaves documents out.
 *
 * Imported first by each service's `main.ts`, before anything loads `http`, so that it can be instrumented.
 */
function enabled(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true") return false;
  const exporter = env.OTEL_TRACES_EXPORTER?.trim();
  if (exporter) return exporter !== "none";
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

/** `gateway`, `directory` or `national-<cc>`, from the entry point and COUNTRY, unless OTEL_SERVICE_NAME says. */
function serviceName(env: NodeJS.ProcessEnv): string {
  const entry = basename(dirname(dirname(process.argv[1] ?? "")));
  const service = entry === "national" ? `national-${(env.COUNTRY ?? "").toLowerCase()}` : entry;
  return env.OTEL_SERVICE_NAME?.trim() || `cbss-ncp-${service}`;
}

function startSdk(): NodeSDK {
  // Loaded only when tracing is on: the SDK and its exporters take about 60 MB and half a second.
  const { NodeSDK } = require("@opentelemetry/sdk-node") as typeof import("@opentelemetry/sdk-node");
  const { HttpInstrumentation } =
    require("@opentelemetry/instrumentation-http") as typeof import("@opentelemetry/instrumentation-http");
  const { UndiciInstrumentation } =
    require("@opentelemetry/instrumentation-undici") as typeof import("@opentelemetry/instrumentation-undici");
  const health = new Set(["/healthz", "/readyz"]);
  const started = new NodeSDK({
    serviceName: serviceName(process.env),
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => health.has(req.url ?? "") }),
      new UndiciInstrumentation(),
    ],
  });
  started.start();
  return started;
}

const sdk = enabled(process.env) ? startSdk() : undefined;

/** Sends the spans still buffered; called when a service stops. */
export async function stopTracing(): Promise<void> {
  await sdk?.shutdown().catch(() => undefined);
}
