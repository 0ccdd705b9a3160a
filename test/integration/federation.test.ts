import { Types } from "mongoose";
import { findCountry, ENABLED_COUNTRIES } from "#schema/registry";
import { openCountryStore } from "../../subgraphs/national/src/assembly";
import { useSharedFederation } from "../support/federation";
import { errorCodes, graphql } from "../support/graphql";

// This file writes straight into the stores and takes them down, and reads at once what the store holds:
// the shared test federation does not keep the contact points between requests (CONTACT_POINTS_CACHE_MS).
const federation = useSharedFederation();

const COUNTRIES_QUERY = "{ countries { code name contactPoints { organisation email } } }";

describe("the federation through the gateway", () => {
  it("lists every enabled country, each with contact points from its own store", async () => {
    // Put a record that only one store holds into every country's store, straight into that store.
    const markers = new Map<string, string>();
    for (const country of ENABLED_COUNTRIES) {
      const store = await openCountryStore(federation().mongoUri(country));
      const email = `marker-${country.code.toLowerCase()}-${new Types.ObjectId().toHexString()}@store.example`;
      await store.ContactPoint.create({
        organisation: `Store marker ${country.code}`,
        email,
        phone: "+10000000000",
        languages: ["en"],
        address: "Nowhere",
        workingHours: "Never",
        competences: ["CARE"],
      });
      await store.close();
      markers.set(country.code, email);
    }

    const response = await graphql(federation().gatewayUrl, COUNTRIES_QUERY);

    expect(response.errors).toBeUndefined();
    const countries = response.data.countries as Array<{
      code: string;
      name: string;
      contactPoints: Array<{ email: string }>;
    }>;
    expect(countries.map((c) => c.code)).toEqual(ENABLED_COUNTRIES.map((c) => c.code));
    for (const country of countries) {
      const emails = country.contactPoints.map((cp) => cp.email);
      expect(country.name).toBe(findCountry(country.code)!.name);
      expect(emails).toContain(`ncp@ncp.${country.code.toLowerCase()}.example`);
      // Its own marker, and no other country's.
      expect(emails.filter((e) => e.startsWith("marker-"))).toEqual([markers.get(country.code)]);
    }
  });

  it("answers for one country without touching the others", async () => {
    const response = await graphql(
      federation().gatewayUrl,
      '{ country(code: "lt") { code name contactPoints { email } } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.country).toMatchObject({ code: "LT", name: "Lithuania" });
  });

  it("refuses an unknown or disabled country code and lists the valid ones", async () => {
    for (const code of ["UA", "XX"]) {
      const response = await graphql(federation().gatewayUrl, `{ country(code: "${code}") { code } }`);
      expect(errorCodes(response)).toEqual(["BAD_USER_INPUT"]);
      expect(response.errors![0].message).toContain("DK, EE, FI, DE, IS, LV, LT, NO, PL, SE");
      expect(response.data?.country).toBeNull();
    }
  });

  it("with one country offline, returns the others and an error naming the missing country", async () => {
    const lithuania = findCountry("LT")!;
    await federation().stopNational(lithuania);
    try {
      const response = await graphql(federation().gatewayUrl, COUNTRIES_QUERY);
      expect(errorCodes(response)).toEqual(["COUNTRY_UNAVAILABLE"]);
      expect(response.errors![0].message).toMatch(/Lithuania \(LT\) is unavailable/);
      expect(response.errors![0].extensions!.country).toBe("LT");
      const countries = response.data.countries as Array<{ code: string; contactPoints: unknown[] | null }>;
      for (const country of countries) {
        if (country.code === "LT") expect(country.contactPoints).toBeNull();
        else expect(country.contactPoints!.length).toBeGreaterThan(0);
      }
    } finally {
      await federation().startNational(lithuania);
    }
    const again = await graphql(
      federation().gatewayUrl,
      '{ country(code: "LT") { contactPoints { email } } }',
    );
    expect(again.errors).toBeUndefined();
    expect(again.data.country.contactPoints.length).toBeGreaterThan(0);
  });

  it("answers /healthz and /readyz on the gateway and on each subgraph", async () => {
    const f = federation();
    const se = findCountry("SE")!;
    const bases = [
      `http://127.0.0.1:${f.ports.gateway}`,
      `http://127.0.0.1:${f.ports.directory}`,
      `http://127.0.0.1:${f.ports.national(se)}`,
    ];
    for (const base of bases) {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: "ready" });
    }
  });

  it("with a country's store down, answers STORE_UNAVAILABLE and not ready, then recovers", async () => {
    const f = federation();
    const poland = findCountry("PL")!;
    const readyz = `http://127.0.0.1:${f.ports.national(poland)}/readyz`;
    await f.stopStore(poland);
    try {
      const response = await graphql(f.gatewayUrl, '{ country(code: "PL") { contactPoints { email } } }');
      expect(errorCodes(response)).toEqual(["STORE_UNAVAILABLE"]);
      expect(response.errors![0].message).toMatch(/Poland registry store is unavailable/);
      expect(response.data.country.contactPoints).toBeNull();
      expect((await fetch(readyz)).status).toBe(503);
    } finally {
      await f.startStore(poland);
    }
    await waitUntil(async () => (await fetch(readyz)).status === 200, 30_000);
    const again = await graphql(f.gatewayUrl, '{ country(code: "PL") { contactPoints { email } } }');
    expect(again.errors).toBeUndefined();
    expect(again.data.country.contactPoints.length).toBeGreaterThan(0);
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
