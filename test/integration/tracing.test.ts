import { createServer, Server } from "node:http";
import { eventually } from "../support/eventually";
import { useFederation } from "../support/federation";
import { INSTRUMENTED_FEDERATION, TRACE_COLLECTOR_PORT } from "../support/federation-pool";
import {
  CASE_INPUT,
  FULL_REFERRAL_QUERY,
  newKey,
  officersOf,
  RISK_ASSESSMENT_PROFILE,
} from "../support/referrals";

/**
 * Tracing across the gateway and the subgraphs, set only by the standard OTEL_* variables: every process of
 * the instrumented federation exports its spans (OTLP over HTTP, JSON) to a collector this test runs, which
 * keeps them in memory. A canary placed in a case and a referral must appear in no span.
 */
const CANARY = "Canary-Trace-5d21";

interface Span {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
}
const spans: Span[] = [];
const exported: string[] = [];
let collector: Server;

// Listening before the suite asks for the federation (which may run already: its spans went nowhere).
beforeAll(async () => {
  collector = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      exported.push(body);
      const payload = JSON.parse(body) as {
        resourceSpans?: Array<{
          resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> };
          scopeSpans: Array<{ spans: Array<Omit<Span, "service">> }>;
        }>;
      };
      for (const resourceSpans of payload.resourceSpans ?? []) {
        const service = resourceSpans.resource.attributes.find((a) => a.key === "service.name")?.value
          .stringValue;
        for (const scope of resourceSpans.scopeSpans) {
          for (const span of scope.spans) spans.push({ ...span, service: service ?? "" });
        }
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => collector.listen(TRACE_COLLECTOR_PORT, "127.0.0.1", resolve));
});
afterAll(() => new Promise<void>((resolve) => collector.close(() => resolve())));

const federation = useFederation(INSTRUMENTED_FEDERATION);
const { succeed, query } = officersOf(federation);

describe("tracing", () => {
  let referralId: string;

  beforeAll(async () => {
    const created = await succeed("SE", "createCase", {
      input: { ...CASE_INPUT, carePlacement: `Shelter ${CANARY}`, needs: [CANARY] },
    });
    const referral = await succeed("SE", "sendReferral", {
      input: {
        idempotencyKey: newKey("trace"),
        caseId: created.id,
        to: "LT",
        purpose: "RISK_ASSESSMENT",
        urgency: "URGENT",
        profile: { ...RISK_ASSESSMENT_PROFILE, riskFactors: `Recruiter known: ${CANARY}` },
      },
    });
    referralId = referral.id;
    // Lithuania reads it across the border; Sweden reads it whole (its subgraph asks Lithuania's half
    // through the gateway).
    for (const code of ["LT", "SE"]) {
      const read = await query(code, FULL_REFERRAL_QUERY, { code: "SE", id: referralId });
      expect(read.data.country.referral.profile.riskFactors).toContain(CANARY);
    }
  }, 60_000);

  it("follows a request from the gateway into each subgraph and back (W3C trace context)", async () => {
    const linked = await eventually("a subgraph span whose parent is a gateway span", async () => {
      const gatewaySpans = new Map(
        spans.filter((s) => s.service === "cbss-ncp-gateway").map((s) => [s.spanId, s]),
      );
      return spans.find(
        (s) => s.service === "cbss-ncp-national-se" && s.parentSpanId && gatewaySpans.has(s.parentSpanId),
      );
    });
    expect(linked.traceId).toMatch(/^[0-9a-f]{32}$/);
    // Sweden's subgraph asked Lithuania's half through the gateway: one trace spans all three.
    await eventually("one trace through the gateway, Sweden's and Lithuania's subgraphs", async () => {
      const byTrace = new Map<string, Set<string>>();
      for (const span of spans)
        byTrace.set(span.traceId, (byTrace.get(span.traceId) ?? new Set()).add(span.service));
      return [...byTrace.values()].find((services) =>
        ["cbss-ncp-gateway", "cbss-ncp-national-se", "cbss-ncp-national-lt"].every((s) => services.has(s)),
      );
    });
  });

  it("puts no case data, variables or documents in any span", async () => {
    await eventually(
      "spans from every service",
      async () =>
        ["cbss-ncp-gateway", "cbss-ncp-national-se", "cbss-ncp-national-lt"].every((service) =>
          spans.some((s) => s.service === service),
        ) || undefined,
    );
    const everything = exported.join("\n");
    expect(everything).not.toContain(CANARY);
    expect(everything).not.toContain(referralId.slice(3)); // the referral id's year and number
    expect(everything).not.toMatch(/riskFactors|carePlacement|idempotencyKey|Bearer /);
  });
});
