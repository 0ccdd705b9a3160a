import mongoose, { Types } from "mongoose";
import { findCountry } from "#schema/registry";
import { openCountryStore } from "../../subgraphs/national/src/assembly";
import { useSharedFederation } from "../support/federation";
import { errorCodes, graphql } from "../support/graphql";
import { CASE_INPUT, mutate, ok, RISK_ASSESSMENT_PROFILE } from "../support/referrals";

const federation = useSharedFederation();
const sweden = () => findCountry("SE")!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(200);
  }
}

const readyz = () => `http://127.0.0.1:${federation().ports.national(sweden())}/readyz`;

/**
 * An officer creating cases in Sweden through the gateway, one every 50 ms (at most `max`), until `stop`:
 * what was acknowledged, and the codes of what was refused.
 */
async function swedishWriter(max: number) {
  const f = federation();
  const token = await f.tokenFor({ role: "NCP_OFFICER", country: "SE" });
  const acknowledged: string[] = [];
  const refused = new Set<string>();
  let writing = true;
  const done = (async () => {
    for (let i = 0; writing && i < max; i++) {
      const response = await mutate(f.gatewayUrl, token, "SE", "createCase", { input: CASE_INPUT });
      if (response.errors?.length) errorCodes(response).forEach((code) => refused.add(code));
      else acknowledged.push(response.data.sweden.createCase.id);
      await sleep(50);
    }
  })();
  return {
    acknowledged,
    refused,
    stop: async () => {
      writing = false;
      await done;
    },
  };
}

/** Every acknowledged case is in Sweden's store. */
async function expectAllStored(acknowledged: string[]): Promise<void> {
  const store = await openCountryStore(federation().mongoUri(sweden()), "test");
  try {
    const ids = acknowledged.map((id) => new Types.ObjectId(id));
    const found = await store.Case.countDocuments({ _id: mongoose.trusted({ $in: ids }) });
    expect(found).toBe(acknowledged.length);
  } finally {
    await store.close();
  }
}

describe("the national subgraph and its store", () => {
  it("a subgraph whose store starts 20 s after it waits, reports not ready, then serves without a restart", async () => {
    const f = federation();
    await f.stopNational(sweden());
    await f.stopStore(sweden());
    // startNational resolves once the subgraph reports ready, which it cannot do before its store is up.
    const starting = f.startNational(sweden());
    let startedEarly = false;
    void starting.then(
      () => (startedEarly = true),
      () => undefined,
    );
    await waitUntil(async () => (await fetch(readyz())).status === 503, 30_000);
    await sleep(20_000);
    expect(startedEarly).toBe(false);
    const meanwhile = await graphql(f.gatewayUrl, '{ country(code: "SE") { contactPoints { email } } }');
    expect(errorCodes(meanwhile)).toEqual(["STORE_UNAVAILABLE"]);
    const pid = f.processOf("national-se")!.child.pid;

    await f.startStore(sweden());
    await starting;
    expect(f.processOf("national-se")!.child.pid).toBe(pid);
    const response = await graphql(f.gatewayUrl, '{ country(code: "SE") { contactPoints { email } } }');
    expect(response.errors).toBeUndefined();
    expect(response.data.country.contactPoints.length).toBeGreaterThan(0);
  }, 120_000);

  it("keeps every acknowledged write when its store is stopped and restarted in the middle of writing", async () => {
    const f = federation();
    const pid = f.processOf("national-se")!.child.pid;
    const { acknowledged, refused, stop } = await swedishWriter(400);

    await waitUntil(async () => acknowledged.length >= 5, 30_000);
    await f.stopStore(sweden());
    await sleep(3_000);
    const duringOutage = acknowledged.length;
    await f.startStore(sweden());
    await waitUntil(async () => acknowledged.length >= duringOutage + 5, 60_000);
    await stop();

    // Writes during the outage were refused as such, never acknowledged and lost.
    expect([...refused].every((code) => ["STORE_UNAVAILABLE", "AUDIT_UNAVAILABLE"].includes(code))).toBe(
      true,
    );
    expect(refused.size).toBeGreaterThan(0);
    expect(f.processOf("national-se")!.child.pid).toBe(pid);
    await expectAllStored(acknowledged);
  }, 120_000);

  it("a subgraph killed with SIGKILL in the middle of writing is started again by itself, and keeps every acknowledged write", async () => {
    const f = federation();
    const crashed = f.processOf("national-se")!.child.pid!;
    const { acknowledged, refused, stop } = await swedishWriter(400);

    try {
      await waitUntil(async () => acknowledged.length >= 5, 30_000);
      process.kill(crashed, "SIGKILL");
      await waitUntil(async () => refused.size > 0, 30_000);
      const beforeRestart = acknowledged.length;
      // Nobody restarts it here: the federation does, and Sweden takes writes again.
      await waitUntil(async () => acknowledged.length >= beforeRestart + 5, 90_000);
    } finally {
      await stop();
    }

    expect(f.processOf("national-se")!.child.pid).not.toBe(crashed);
    // While it was down (and while the new one reached its store), writes were refused as such, never lost.
    const outage = ["COUNTRY_UNAVAILABLE", "STORE_UNAVAILABLE", "AUDIT_UNAVAILABLE"];
    expect([...refused].filter((code) => !outage.includes(code))).toEqual([]);
    expect(refused.has("COUNTRY_UNAVAILABLE")).toBe(true);
    await expectAllStored(acknowledged);
  }, 180_000);

  it.each([
    ["gateway", (f: ReturnType<typeof federation>) => f.ports.gateway],
    ["directory", (f: ReturnType<typeof federation>) => f.ports.directory],
    ["identity-provider", (f: ReturnType<typeof federation>) => f.ports.identityProvider],
  ] as const)(
    "the %s, killed with SIGKILL, is started again by itself",
    async (name, portOf) => {
      const f = federation();
      const killed = f.processOf(name)!.child.pid!;
      process.kill(killed, "SIGKILL");
      await waitUntil(async () => f.processOf(name)?.child.pid !== killed, 60_000);
      await waitUntil(async () => (await fetch(`http://127.0.0.1:${portOf(f)}/readyz`)).ok, 120_000);
    },
    240_000,
  );

  it.each(["postgres", "gateway"] as const)(
    "a store whose %s process is killed with SIGKILL in the middle of writing is started again by itself, and keeps every acknowledged write",
    async (part) => {
      const f = federation();
      const killed = f.storeProcesses(sweden())[part]!.child.pid!;
      const { acknowledged, stop } = await swedishWriter(600);

      try {
        await waitUntil(async () => acknowledged.length >= 5, 30_000);
        process.kill(killed, "SIGKILL");
        // Nobody restarts it here: the federation does, and Sweden takes writes again.
        await waitUntil(
          async () => ![undefined, killed].includes(f.storeProcesses(sweden())[part]?.child.pid),
          60_000,
        );
        const afterRestart = acknowledged.length;
        await waitUntil(async () => acknowledged.length >= afterRestart + 5, 120_000);
      } finally {
        await stop();
      }

      expect(f.storeProcesses(sweden())[part]!.child.pid).not.toBe(killed);
      // Writes may have been refused while it was down (a write caught at the instant the cluster died gets
      // the store's own error), but none that was acknowledged is lost.
      await expectAllStored(acknowledged);
    },
    240_000,
  );

  it("concurrent retries of one referral with the same idempotency key create it once (the store's duplicate-key path)", async () => {
    const f = federation();
    const token = await f.tokenFor({ role: "NCP_OFFICER", country: "SE" });
    const caseId = ok(
      await mutate(f.gatewayUrl, token, "SE", "createCase", { input: CASE_INPUT }),
      "SE",
      "createCase",
    ).id;
    const input = {
      idempotencyKey: `concurrent-${Date.now()}`,
      caseId,
      to: "LT",
      purpose: "RISK_ASSESSMENT",
      urgency: "NORMAL",
      profile: RISK_ASSESSMENT_PROFILE,
    };
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => mutate(f.gatewayUrl, token, "SE", "sendReferral", { input })),
    );
    const ids = answers.map((answer) => ok(answer, "SE", "sendReferral").id);
    expect(new Set(ids).size).toBe(1);

    const store = await openCountryStore(f.mongoUri(sweden()), "test");
    try {
      expect(await store.Referral.countDocuments({ idempotencyKey: input.idempotencyKey })).toBe(1);
      // The same key with another payload is a conflict, and writes nothing.
      const changed = await mutate(f.gatewayUrl, token, "SE", "sendReferral", {
        input: { ...input, urgency: "URGENT" },
      });
      expect(errorCodes(changed)).toEqual(["CONFLICT"]);
      expect(await store.Referral.countDocuments({ idempotencyKey: input.idempotencyKey })).toBe(1);
    } finally {
      await store.close();
    }
  });
});
