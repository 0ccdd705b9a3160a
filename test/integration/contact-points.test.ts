import { subgraphAudience, TokenRequest } from "#core";
import { findCountry } from "#schema/registry";
import { useSharedFederation } from "../support/federation";
import { errorCodes, forgeToken, graphql, GraphQLResponse } from "../support/graphql";

const federation = useSharedFederation();
const gateway = () => federation().gatewayUrl;
const token = (request: TokenRequest) => federation().tokenFor(request);

const FIELDS =
  "id organisation unit email phone languages address workingHours competences updatedAt version";
const NCP_ONLY = ["person", "directPhone", "hotline24h", "secureChannel"] as const;

const validInput = {
  organisation: "Swedish Migration Agency",
  unit: "Unaccompanied Minors Unit",
  email: "minors@migrationsverket.example",
  phone: "+46104851000",
  languages: ["sv", "en", "ar"],
  address: "Slottsgatan 82, Norrkoping",
  workingHours: "Mon-Fri 08:00-16:00",
  competences: ["IDENTIFICATION", "CARE"],
  person: "Erik Nilsson",
  directPhone: "+46104851001",
  hotline24h: "+46104851999",
  secureChannel: "x-road://SE/migration-minors",
};

const ADD = `mutation Add($input: ContactPointInput!) { sweden { addContactPoint(input: $input) { ${FIELDS} } } }`;
const UPDATE = `mutation Update($id: ID!, $version: Int!, $input: ContactPointInput!) {
  sweden { updateContactPoint(id: $id, version: $version, input: $input) { ${FIELDS} person } } }`;
const REMOVE = `mutation Remove($id: ID!, $version: Int!) { sweden { removeContactPoint(id: $id, version: $version) } }`;
const SE_CONTACTS = `{ country(code: "SE") { contactPoints { ${FIELDS} } } }`;

async function swedishContacts(): Promise<Array<Record<string, any>>> {
  const response = await graphql(gateway(), SE_CONTACTS);
  expect(response.errors).toBeUndefined();
  return response.data.country.contactPoints;
}

async function addSwedishContact(input: Record<string, unknown> = validInput) {
  const response = await graphql(gateway(), ADD, {
    variables: { input },
    token: await token({ role: "NCP_OFFICER", country: "SE" }),
  });
  expect(response.errors).toBeUndefined();
  return response.data.sweden.addContactPoint as Record<string, any>;
}

function expectRefused(response: GraphQLResponse, code: string) {
  expect(errorCodes(response)).toEqual([code]);
  expect(response.data?.sweden ?? null).toBeNull();
}

describe("maintaining a country's contact points", () => {
  it("an SE officer adds, updates and removes an SE contact point, visible through the gateway", async () => {
    const added = await addSwedishContact();
    const { person, directPhone, hotline24h, secureChannel, ...publicFields } = validInput;
    expect(added).toMatchObject({ ...publicFields, version: 1 });
    expect(await swedishContacts()).toContainEqual(expect.objectContaining({ id: added.id, version: 1 }));

    const seToken = await token({ role: "NCP_OFFICER", country: "SE" });
    const updated = await graphql(gateway(), UPDATE, {
      variables: {
        id: added.id,
        version: 1,
        input: { ...validInput, phone: "+46104852000", person: "Anna Berg" },
      },
      token: seToken,
    });
    expect(updated.errors).toBeUndefined();
    expect(updated.data.sweden.updateContactPoint).toMatchObject({
      phone: "+46104852000",
      person: "Anna Berg",
      version: 2,
    });
    expect(await swedishContacts()).toContainEqual(
      expect.objectContaining({ id: added.id, phone: "+46104852000", version: 2 }),
    );

    const removed = await graphql(gateway(), REMOVE, {
      variables: { id: added.id, version: 2 },
      token: seToken,
    });
    expect(removed.data.sweden.removeContactPoint).toBe(added.id);
    expect((await swedishContacts()).map((c) => c.id)).not.toContain(added.id);
  });

  it("a stale version gets CONFLICT and the newer change is kept", async () => {
    const added = await addSwedishContact();
    const seToken = await token({ role: "NCP_OFFICER", country: "SE" });
    const first = await graphql(gateway(), UPDATE, {
      variables: { id: added.id, version: 1, input: { ...validInput, workingHours: "24/7" } },
      token: seToken,
    });
    expect(first.errors).toBeUndefined();

    const stale = await graphql(gateway(), UPDATE, {
      variables: { id: added.id, version: 1, input: { ...validInput, workingHours: "Mondays only" } },
      token: seToken,
    });
    expectRefused(stale, "CONFLICT");
    expect(stale.errors![0].message).toMatch(/version 2, not 1/);
    const staleRemove = await graphql(gateway(), REMOVE, {
      variables: { id: added.id, version: 1 },
      token: seToken,
    });
    expectRefused(staleRemove, "CONFLICT");

    expect(await swedishContacts()).toContainEqual(
      expect.objectContaining({ id: added.id, workingHours: "24/7", version: 2 }),
    );
  });

  it("an unknown id gets NOT_FOUND and a malformed one BAD_USER_INPUT", async () => {
    const seToken = await token({ role: "NCP_OFFICER", country: "SE" });
    const missing = await graphql(gateway(), REMOVE, {
      variables: { id: "0123456789abcdef01234567", version: 1 },
      token: seToken,
    });
    expectRefused(missing, "NOT_FOUND");
    const malformed = await graphql(gateway(), REMOVE, {
      variables: { id: "not-an-id", version: 1 },
      token: seToken,
    });
    expectRefused(malformed, "BAD_USER_INPUT");
    expect(malformed.errors![0].extensions!.field).toBe("id");
  });

  it("another country's officer, an RFP analyst and an anonymous caller cannot write, and nothing changes", async () => {
    const added = await addSwedishContact();
    const before = await swedishContacts();
    const attempts: Array<[string | undefined, string]> = [
      [await token({ role: "NCP_OFFICER", country: "LT" }), "FORBIDDEN"],
      [await token({ role: "NATIONAL_SYSTEM", country: "LT", scopes: ["contacts:write"] }), "FORBIDDEN"],
      [await token({ role: "RFP_ANALYST" }), "FORBIDDEN"],
      [undefined, "UNAUTHENTICATED"],
    ];
    for (const [callerToken, code] of attempts) {
      const update = await graphql(gateway(), UPDATE, {
        variables: { id: added.id, version: 1, input: { ...validInput, email: "hijacked@attacker.example" } },
        token: callerToken,
      });
      expectRefused(update, code);
      expectRefused(
        await graphql(gateway(), ADD, { variables: { input: validInput }, token: callerToken }),
        code,
      );
      expectRefused(
        await graphql(gateway(), REMOVE, { variables: { id: added.id, version: 1 }, token: callerToken }),
        code,
      );
    }
    const lt = await graphql(gateway(), UPDATE, {
      variables: { id: added.id, version: 1, input: validInput },
      token: await token({ role: "NCP_OFFICER", country: "LT" }),
    });
    expect(lt.errors![0].message).toMatch(/Only principals of Sweden \(SE\).*your token is for LT/);
    expect(await swedishContacts()).toEqual(before);
  });

  it("a national system of the country writes only with the contacts:write scope", async () => {
    const without = await graphql(gateway(), ADD, {
      variables: { input: validInput },
      token: await token({ role: "NATIONAL_SYSTEM", country: "SE" }),
    });
    expectRefused(without, "FORBIDDEN");
    expect(without.errors![0].message).toMatch(/contacts:write/);
    const withScope = await graphql(gateway(), ADD, {
      variables: { input: { ...validInput, email: "system@migrationsverket.example" } },
      token: await token({ role: "NATIONAL_SYSTEM", country: "SE", scopes: ["contacts:write"] }),
    });
    expect(withScope.errors).toBeUndefined();
  });

  it("a national system may call its own subgraph directly with the same schema, with a token for it", async () => {
    const sweden = findCountry("SE")!;
    const response = await graphql(federation().nationalUrl(sweden), ADD, {
      variables: { input: { ...validInput, email: "direct@migrationsverket.example" } },
      token: await token({
        role: "NATIONAL_SYSTEM",
        country: "SE",
        scopes: ["contacts:write"],
        audience: subgraphAudience("national-se"),
      }),
    });
    expect(response.errors).toBeUndefined();
    expect((await swedishContacts()).map((c) => c.email)).toContain("direct@migrationsverket.example");
  });
});

describe("bad input is refused with BAD_USER_INPUT naming the field, and nothing is written", () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ["email", { email: "not-an-email" }, "email"],
    ["phone not E.164", { phone: "0046 10 485 10 00" }, "phone"],
    ["direct phone not E.164", { directPhone: "123" }, "directPhone"],
    ["24-hour line not E.164", { hotline24h: "+0123" }, "hotline24h"],
    ["language not ISO 639-1", { languages: ["sv", "swedish"] }, "languages"],
    ["no language", { languages: [] }, "languages"],
    ["repeated language", { languages: ["sv", "sv"] }, "languages"],
    ["too many languages", { languages: Array(21).fill("en") }, "languages"],
    ["organisation too long", { organisation: "x".repeat(201) }, "organisation"],
    ["empty organisation", { organisation: "" }, "organisation"],
    ["address too long", { address: "x".repeat(501) }, "address"],
    ["email too long", { email: `${"a".repeat(250)}@x.example` }, "email"],
    ["no competence", { competences: [] }, "competences"],
  ];

  it.each(cases)("%s", async (_label, override, field) => {
    const before = await swedishContacts();
    const response = await graphql(gateway(), ADD, {
      variables: { input: { ...validInput, ...override } },
      token: await token({ role: "NCP_OFFICER", country: "SE" }),
    });
    expectRefused(response, "BAD_USER_INPUT");
    expect(response.errors![0].extensions!.field).toBe(field);
    expect(response.errors![0].message).toMatch(new RegExp(`^${field}: `));
    expect(await swedishContacts()).toEqual(before);
  });

  it("an unknown competence is refused by the schema", async () => {
    const response = await graphql(gateway(), ADD, {
      variables: { input: { ...validInput, competences: ["SURVEILLANCE"] } },
      token: await token({ role: "NCP_OFFICER", country: "SE" }),
    });
    expect(errorCodes(response)).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("NCP-only contact fields", () => {
  const QUERY = `{ country(code: "SE") { contactPoints { email ${NCP_ONLY.join(" ")} } } }`;

  it.each([
    ["no token", undefined, "UNAUTHENTICATED"],
    ["an RFP token", { role: "RFP_ANALYST" as const }, "FORBIDDEN"],
  ])("are refused with %s, while the public fields still answer", async (_label, request, code) => {
    const response = await graphql(gateway(), QUERY, { token: request ? await token(request) : undefined });
    const contacts = response.data.country.contactPoints as Array<Record<string, unknown>>;
    expect(contacts.length).toBeGreaterThan(0);
    for (const contact of contacts) {
      expect(contact.email).toEqual(expect.any(String));
      for (const field of NCP_ONLY) expect(contact[field]).toBeNull();
    }
    expect(new Set(errorCodes(response))).toEqual(new Set([code]));
    expect(new Set(response.errors!.map((e) => e.path!.at(-1)))).toEqual(new Set(NCP_ONLY));
  });

  it.each([
    ["an NCP officer of another country", { role: "NCP_OFFICER" as const, country: "LT" }],
    ["a national system of another country", { role: "NATIONAL_SYSTEM" as const, country: "PL" }],
    ["an NCP officer of the same country", { role: "NCP_OFFICER" as const, country: "SE" }],
  ])("are given to %s", async (_label, request) => {
    const response = await graphql(gateway(), QUERY, { token: await token(request) });
    expect(response.errors).toBeUndefined();
    expect(response.data.country.contactPoints).toContainEqual(
      expect.objectContaining({
        email: "ncp@ncp.se.example",
        person: "Karin Lindqvist",
        hotline24h: expect.stringMatching(/^\+46/),
      }),
    );
  });

  const hourAgo = () => Math.floor(Date.now() / 1000) - 3600;
  const badTokens: Array<[string, () => Promise<string>]> = [
    ["a malformed header", async () => "Bearer"],
    ["a token that is not a JWT", async () => "Bearer abc.def.ghi"],
    [
      "an expired token",
      async () =>
        `Bearer ${await forgeToken(federation().idpKeysDir, { role: "NCP_OFFICER", country: "SE" }, { iat: hourAgo() - 60, exp: hourAgo() })}`,
    ],
    [
      "a token of an unknown issuer",
      async () =>
        `Bearer ${await forgeToken(federation().idpKeysDir, { role: "NCP_OFFICER", country: "SE" }, { issuer: "urn:unknown:idp" })}`,
    ],
    [
      "a country claim not matching the issuer",
      async () =>
        `Bearer ${await forgeToken(federation().idpKeysDir, { role: "NCP_OFFICER", country: "PL" })}`,
    ],
  ];

  it.each(badTokens)("refuse %s with UNAUTHENTICATED", async (_label, header) => {
    const response = await graphql(gateway(), QUERY, { authorization: await header() });
    expect(new Set(errorCodes(response))).toEqual(new Set(["UNAUTHENTICATED"]));
    expect(response.data.country.contactPoints.length).toBeGreaterThan(0);
  });
});
