import { spawn } from "node:child_process";
import { createServer, IncomingHttpHeaders } from "node:http";
import { AddressInfo } from "node:net";
import { join } from "node:path";
import { Webhook } from "standardwebhooks";
import { findCountry, mutationNamespace, serviceIssuer } from "#schema/registry";
import { ROOT_DIR, serviceKeyOf, signServiceToken, subgraphAudience } from "#core";
import { openCountryStore } from "../../subgraphs/national/src/assembly";
import { eventually } from "../support/eventually";
import { useSharedFederation } from "../support/federation";
import { errorCodes, forgeToken, graphql } from "../support/graphql";
import { CASE_INPUT, newKey, officersOf, RISK_ASSESSMENT_PROFILE } from "../support/referrals";

/**
 * Doorbells: after a write on a referral, the writing country's subgraph tells the other country's that
 * something changed (event, referral id, the two countries, a time), through the gateway, from a
 * persistent outbox, until it is received. The shared test federation caps retries at 2 s, so the test waits
 * little (test/support/federation-pool.ts).
 */
const federation = useSharedFederation();
const { succeed, query, officer } = officersOf(federation);

const INBOX = `query($code: ID!) { country(code: $code) {
  unreadNotifications notifications(first: 200) { id event referralId from { code } at readAt } } }`;

interface Notification {
  id: string;
  event: string;
  referralId: string;
  from: { code: string };
  readAt: string | null;
}

async function inboxOf(
  code: string,
): Promise<{ unreadNotifications: number; notifications: Notification[] }> {
  const response = await query(code, INBOX, { code });
  expect(response.errors).toBeUndefined();
  return response.data.country;
}

const doorbellOf = (code: string, referralId: string, event: string) =>
  eventually(`${event} of ${referralId} at ${code}`, async () =>
    (await inboxOf(code)).notifications.find((n) => n.referralId === referralId && n.event === event),
  );

async function sendReferral(from: string, to: string): Promise<{ id: string; version: number }> {
  const created = await succeed(from, "createCase", { input: CASE_INPUT });
  return succeed(from, "sendReferral", {
    input: {
      idempotencyKey: newKey("doorbell"),
      caseId: created.id,
      to,
      purpose: "RISK_ASSESSMENT",
      urgency: "NORMAL",
      profile: RISK_ASSESSMENT_PROFILE,
    },
  });
}

async function outboxOf(code: string, referralId: string) {
  const store = await openCountryStore(federation().mongoUri(findCountry(code)!), code);
  try {
    return await store.DoorbellOutbox.find({ referralId }).lean();
  } finally {
    await store.close();
  }
}

/** A doorbell rung by hand through the gateway at `to`'s namespace. */
function ring(to: string, token: string, input: Record<string, unknown>) {
  return graphql(
    federation().gatewayUrl,
    `mutation($input: DoorbellInput!) { ${mutationNamespace(findCountry(to)!)} { ringDoorbell(input: $input) { id new } } }`,
    { variables: { input }, token },
  );
}

/** Sweden's subgraph's own service credential, as it rings Lithuania. */
const swedishService = () =>
  signServiceToken(federation().serviceKeysDir("national-se"), serviceKeyOf("national-se"), {
    role: "NATIONAL_SYSTEM",
    subject: "service:national-se",
    scopes: ["doorbells:ring"],
    expiresIn: "5m",
    audience: subgraphAudience("national-lt"),
  });

describe("doorbells between national subgraphs", () => {
  it("ring the other country at each step of a referral, with no case data", async () => {
    const referral = await sendReferral("SE", "LT");
    const sent = await doorbellOf("LT", referral.id, "REFERRAL_SENT");
    expect(sent).toMatchObject({ from: { code: "SE" }, readAt: null });

    await succeed("LT", "respondToReferral", {
      referralId: referral.id,
      version: 0,
      input: { decision: "ACKNOWLEDGED" },
    });
    await doorbellOf("SE", referral.id, "RESPONSE_GIVEN");
    await succeed("LT", "sendReferralMessage", {
      referralId: referral.id,
      input: { idempotencyKey: newKey("doorbell"), body: "Who is the guardian?" },
    });
    await doorbellOf("SE", referral.id, "MESSAGE_SENT");
    await succeed("LT", "recordReturnEvent", {
      referralId: referral.id,
      input: { idempotencyKey: newKey("doorbell"), kind: "PLACED", occurredAt: new Date().toISOString() },
    });
    await doorbellOf("SE", referral.id, "RETURN_EVENT_RECORDED");
    await succeed("SE", "changeReferralStatus", {
      id: referral.id,
      version: referral.version,
      status: "WITHDRAWN",
    });
    await doorbellOf("LT", referral.id, "REFERRAL_WITHDRAWN");

    // What Lithuania keeps of a doorbell: its id, the event, the referral id, the sender and two times.
    const store = await openCountryStore(federation().mongoUri(findCountry("LT")!), "LT");
    try {
      const kept = await store.Notification.find({ referralId: referral.id }).lean();
      for (const doorbell of kept) {
        expect(Object.keys(doorbell).sort()).toEqual([
          "_id",
          "at",
          "event",
          "from",
          "readAt",
          "receivedAt",
          "referralId",
        ]);
      }
    } finally {
      await store.close();
    }
  });

  it("are read by the country's own principals only, and marked read", async () => {
    const referral = await sendReferral("SE", "LT");
    const doorbell = await doorbellOf("LT", referral.id, "REFERRAL_SENT");
    const before = (await inboxOf("LT")).unreadNotifications;
    const response = await graphql(
      federation().gatewayUrl,
      `
        mutation ($ids: [ID!]!) {
          lithuania {
            markNotificationsRead(ids: $ids)
          }
        }
      `,
      { variables: { ids: [doorbell.id] }, token: await officer("LT") },
    );
    expect(response.data?.lithuania.markNotificationsRead).toBe(1);
    const after = await inboxOf("LT");
    expect(after.unreadNotifications).toBe(before - 1);
    expect(after.notifications.find((n) => n.id === doorbell.id)!.readAt).not.toBeNull();

    const poland = await query("PL", INBOX, { code: "LT" });
    expect(errorCodes(poland)).toContain("FORBIDDEN");
  });

  it("wait in the sender's outbox while the receiver is down, through a restart of the sender, and arrive once", async () => {
    const lithuania = findCountry("LT")!;
    const sweden = findCountry("SE")!;
    let referralId: string;
    await federation().stopNational(lithuania);
    try {
      referralId = (await sendReferral("SE", "LT")).id;
      const pending = await eventually("a failed delivery", async () =>
        (await outboxOf("SE", referralId)).find((d) => d.attempts >= 2),
      );
      expect(pending).toMatchObject({ event: "REFERRAL_SENT", to: "LT", deliveredAt: null });
      expect(pending.lastError).toMatch(/LT|Lithuania/);
      // Sweden's subgraph restarts meanwhile: the doorbell is in its store, not in its memory.
      await federation().stopNational(sweden);
      await federation().startNational(sweden);
    } finally {
      await federation().startNational(lithuania);
    }
    await doorbellOf("LT", referralId!, "REFERRAL_SENT");
    const [delivered] = await eventually("the delivery recorded", async () =>
      (await outboxOf("SE", referralId)).every((d) => d.deliveredAt) ? outboxOf("SE", referralId) : undefined,
    );
    expect(delivered.deliveredAt).toBeTruthy();
    const copies = (await inboxOf("LT")).notifications.filter((n) => n.referralId === referralId);
    expect(copies).toHaveLength(1);
  });

  it("ignore a repeated delivery of the same doorbell", async () => {
    const referral = await sendReferral("SE", "LT");
    const input = {
      id: `repeat-${newKey()}`,
      event: "REFERRAL_SENT",
      referralId: referral.id,
      at: new Date().toISOString(),
    };
    const token = await swedishService();
    const first = await ring("LT", token, input);
    const second = await ring("LT", token, input);
    expect(first.errors).toBeUndefined();
    expect(first.data.lithuania.ringDoorbell.new).toBe(true);
    expect(second.data.lithuania.ringDoorbell).toEqual({
      id: first.data.lithuania.ringDoorbell.id,
      new: false,
    });
    const copies = (await inboxOf("LT")).notifications.filter(
      (n) => n.id === first.data.lithuania.ringDoorbell.id,
    );
    expect(copies).toHaveLength(1);
  });

  it("refuse a forged doorbell, and keep nothing of it", async () => {
    const referral = await sendReferral("SE", "LT");
    const input = (tag: string) => ({
      id: `forged-${tag}-${newKey()}`,
      event: "RESPONSE_GIVEN",
      referralId: referral.id,
      at: new Date().toISOString(),
    });
    const attempts: Array<[string, string, Promise<string>]> = [
      // Sweden's service identity, signed with a key that is not its service credential's.
      [
        "UNAUTHENTICATED",
        "a token claiming Sweden's service identity, signed with another key",
        forgeToken(
          federation().idpKeysDir,
          { role: "NATIONAL_SYSTEM", country: "SE", scope: "doorbells:ring" },
          { issuer: serviceIssuer("national-se") },
        ),
      ],
      ["FORBIDDEN", "Sweden's NCP officer (a person)", officer("SE")],
      [
        "FORBIDDEN",
        "Poland's national system (no party to the referral)",
        federation().tokenFor({ role: "NATIONAL_SYSTEM", country: "PL", scopes: ["doorbells:ring"] }),
      ],
      [
        "FORBIDDEN",
        "Lithuania's own national system (a doorbell comes from the other country)",
        federation().tokenFor({ role: "NATIONAL_SYSTEM", country: "LT", scopes: ["doorbells:ring"] }),
      ],
    ];
    for (const [code, who, token] of attempts) {
      const forged = input(code);
      const response = await ring("LT", await token, forged);
      expect({ who, codes: errorCodes(response) }).toEqual({ who, codes: [code] });
    }
    const kept = (await inboxOf("LT")).notifications.filter((n) => n.id.includes("forged-"));
    expect(kept).toEqual([]);
  });

  it("refuse a bad doorbell with a message naming the field", async () => {
    const referral = await sendReferral("SE", "LT");
    const token = await swedishService();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ id: "", event: "REFERRAL_SENT", referralId: referral.id, at: new Date().toISOString() }, "id"],
      [
        { id: "x", event: "REFERRAL_SENT", referralId: "not-a-referral", at: new Date().toISOString() },
        "referralId",
      ],
    ];
    for (const [bad, field] of cases) {
      const response = await ring("LT", token, bad);
      expect({
        field,
        code: response.errors?.[0].extensions?.code,
        named: response.errors?.[0].extensions?.field,
      }).toEqual({
        field,
        code: "BAD_USER_INPUT",
        named: field,
      });
    }
    // A ringer whose clock runs ahead is not refused (its doorbell would be lost): its time is capped.
    const ahead = await ring("LT", token, {
      id: `ahead-${newKey()}`,
      event: "REFERRAL_SENT",
      referralId: referral.id,
      at: "2099-01-01T00:00:00.000Z",
    });
    expect(ahead.errors).toBeUndefined();
    const kept = (await inboxOf("LT")).notifications.find(
      (n) => n.id === ahead.data.lithuania.ringDoorbell.id,
    );
    expect(Date.parse((kept as unknown as { at: string }).at)).toBeLessThanOrEqual(Date.now());
  });
});

describe("webhooks of a country's national systems", () => {
  const lithuanianSystem = () =>
    federation().tokenFor({
      role: "NATIONAL_SYSTEM",
      country: "LT",
      scopes: ["referrals:read", "webhooks:manage"],
    });
  const asSystem = async (query: string, variables: Record<string, unknown> = {}) =>
    graphql(federation().gatewayUrl, query, { variables, token: await lithuanianSystem() });
  const REGISTER = `mutation($url: String!) { lithuania { registerWebhook(url: $url) { webhook { id url } secret } } }`;
  const DELIVERIES = `{ country(code: "LT") { webhooks { id deliveries { id event referralId attempts deliveredAt lastError log { status error } } } } }`;
  /** What the log says of a failed attempt while developing: nothing of why (the federation runs so). */
  const NOT_ACCEPTED = { status: null, error: expect.stringMatching(/^not accepted/) };

  it("drive the example national system: it verifies each delivery, reads the referral, and removes its webhook on exit", async () => {
    const token = await lithuanianSystem();
    const client = spawn(
      process.execPath,
      [
        join(ROOT_DIR, "dist/scripts/national-system-client.js"),
        "--gateway",
        federation().gatewayUrl,
        "--token",
        token,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const lines: string[] = [];
    client.stdout.on("data", (chunk: Buffer) => lines.push(...chunk.toString().split("\n").filter(Boolean)));
    client.stderr.on("data", (chunk: Buffer) => lines.push(...chunk.toString().split("\n").filter(Boolean)));
    const exited = new Promise<number | null>((resolve) => client.once("exit", resolve));
    try {
      const listening = await eventually("the client to listen", async () =>
        lines.find((l) => l.startsWith("listening at")),
      );
      const [, url, webhookId] = /listening at (\S+) \(webhook (\w+)\)/.exec(listening)!;

      const referral = await sendReferral("SE", "LT");
      const line = await eventually("the client to print the doorbell", async () =>
        lines.find((l) => l.includes(referral.id)),
      );
      expect(line).toBe(`REFERRAL_SENT ${referral.id} from SE: RISK_ASSESSMENT (NORMAL), SENT`);
      // It marked the doorbell read.
      await eventually("the doorbell marked read", async () =>
        (await inboxOf("LT")).notifications.find((n) => n.referralId === referral.id && n.readAt),
      );

      // A delivery that is not signed with its webhook's secret is refused.
      const forged = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "webhook-id": "forged",
          "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
          "webhook-signature": "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        },
        body: JSON.stringify({ type: "referral.referral_sent", data: { referralId: referral.id } }),
      });
      expect(forged.status).toBe(401);
      await eventually("the refusal logged", async () =>
        lines.find((l) => l.startsWith("refused a delivery")),
      );

      client.kill("SIGTERM");
      expect(await exited).toBe(0);
      const left = await asSystem(DELIVERIES);
      expect(left.data.country.webhooks.map((w: { id: string }) => w.id)).not.toContain(webhookId);
    } finally {
      client.kill("SIGKILL");
    }
  });

  it("retry a failing endpoint until it answers, each attempt signed and in the delivery log", async () => {
    const statuses = [500, 503, 204];
    const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
    const endpoint = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(statuses[Math.min(received.length - 1, statuses.length - 1)]).end();
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, "127.0.0.1", resolve));
    let webhookId: string | undefined;
    try {
      const url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/hook`;
      const registered = await asSystem(REGISTER, { url });
      expect(registered.errors).toBeUndefined();
      const { webhook, secret } = registered.data.lithuania.registerWebhook;
      webhookId = webhook.id;

      const referral = await sendReferral("SE", "LT");
      const delivery = await eventually("the delivery, after two failures", async () => {
        const found = (await asSystem(DELIVERIES)).data.country.webhooks
          .find((w: { id: string }) => w.id === webhookId)
          ?.deliveries.find((d: { referralId: string }) => d.referralId === referral.id);
        return found?.deliveredAt ? found : undefined;
      });
      expect(delivery).toMatchObject({
        event: "REFERRAL_SENT",
        attempts: 3,
        log: [NOT_ACCEPTED, NOT_ACCEPTED, { status: 204, error: null }],
      });
      const verifier = new Webhook(secret);
      const ours = received.filter((r) => r.body.includes(referral.id));
      expect(ours).toHaveLength(3);
      for (const attempt of ours) {
        expect(verifier.verify(attempt.body, attempt.headers as Record<string, string>)).toMatchObject({
          data: { event: "REFERRAL_SENT", referralId: referral.id, from: "SE", to: "LT" },
        });
        // The same message id on every attempt, so the receiver can tell a retry.
        expect(attempt.headers["webhook-id"]).toBe(delivery.id);
      }
    } finally {
      endpoint.close();
      if (webhookId)
        await asSystem(`mutation($id: ID!) { lithuania { removeWebhook(id: $id) } }`, { id: webhookId });
    }
  });

  it("while developing, log a closed port and an endpoint answering 404 alike, so no one maps this machine's ports", async () => {
    const answering = createServer((_req, res) => res.writeHead(404).end());
    const closed = createServer();
    for (const server of [answering, closed])
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = (server: typeof closed) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const urls = [url(answering), url(closed)];
    await new Promise((resolve) => closed.close(resolve));
    const ids: string[] = [];
    try {
      for (const target of urls) {
        const registered = await asSystem(REGISTER, { url: target });
        expect(registered.errors).toBeUndefined();
        ids.push(registered.data.lithuania.registerWebhook.webhook.id);
      }
      const referral = await sendReferral("SE", "LT");
      const attempted = await eventually("a first attempt at both", async () => {
        const webhooks = (await asSystem(DELIVERIES)).data.country.webhooks;
        const deliveries = ids.map((id) =>
          webhooks
            .find((w: { id: string }) => w.id === id)
            ?.deliveries.find((d: { referralId: string }) => d.referralId === referral.id),
        );
        return deliveries.every((d) => d?.log.length) ? deliveries : undefined;
      });
      const seen = attempted.map(({ lastError, log }) => ({ lastError, first: log[0] }));
      expect(seen[0]).toEqual(seen[1]);
      expect(seen[0].first).toEqual(NOT_ACCEPTED);
    } finally {
      answering.close();
      for (const id of ids)
        await asSystem(`mutation($id: ID!) { lithuania { removeWebhook(id: $id) } }`, { id });
    }
  });

  it("refuse an address that would send the secret over the network, and a country's other principals", async () => {
    for (const url of ["ftp://cases.example/doorbells", "http://cases.example/doorbells", "not a url"]) {
      const response = await asSystem(REGISTER, { url });
      expect({
        url,
        code: response.errors?.[0].extensions?.code,
        field: response.errors?.[0].extensions?.field,
      }).toEqual({
        url,
        code: "BAD_USER_INPUT",
        field: "url",
      });
    }
    const officer = await graphql(federation().gatewayUrl, REGISTER, {
      variables: { url: "https://cases.example/doorbells" },
      token: await federation().tokenFor({ role: "NCP_OFFICER", country: "LT" }),
    });
    expect(errorCodes(officer)).toEqual(["FORBIDDEN"]);
    const poland = await graphql(federation().gatewayUrl, REGISTER, {
      variables: { url: "https://cases.example/doorbells" },
      token: await federation().tokenFor({
        role: "NATIONAL_SYSTEM",
        country: "PL",
        scopes: ["webhooks:manage"],
      }),
    });
    expect(errorCodes(poland)).toEqual(["FORBIDDEN"]);
  });
});
