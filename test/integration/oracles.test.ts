import { findCountry, mutationNamespace } from "#schema/registry";
import { serviceKeyOf, signServiceToken, subgraphAudience } from "#core";
import { useSharedFederation } from "../support/federation";
import { eventually } from "../support/eventually";
import { graphql, GraphQLResponse } from "../support/graphql";
import { CASE_INPUT, newKey, officersOf, RISK_ASSESSMENT_PROFILE } from "../support/referrals";

/**
 * A referral that exists but is not yours is answered exactly as one that does not exist: the same shape,
 * code and message, and the same trace in the holder's audit log, whose head any signed-in caller may
 * read. Each probe of the December 2026 review, repeated through the gateway by a Polish caller against a
 * referral from Sweden to Lithuania and against an id of the same form that was never sent.
 */
const federation = useSharedFederation();
const { succeed, officer, query } = officersOf(federation);

let existing: string;
let missing: string;

async function sendReferral(from: string, to: string): Promise<string> {
  const kase = await succeed(from, "createCase", { input: CASE_INPUT });
  const input = {
    idempotencyKey: newKey("oracle"),
    caseId: kase.id,
    to,
    purpose: "RISK_ASSESSMENT",
    urgency: "NORMAL",
    profile: RISK_ASSESSMENT_PROFILE,
  };
  return (await succeed(from, "sendReferral", { input })).id;
}

beforeAll(async () => {
  existing = await sendReferral("SE", "LT");
  // Lithuania's own, legitimate, read of the referral (it checks Sweden's doorbell about it) is over.
  await eventually("Sweden's doorbell at Lithuania", async () => {
    const inbox = await query("LT", `{ country(code: "LT") { notifications(first: 200) { referralId } } }`);
    return inbox.data.country.notifications.find((n: { referralId: string }) => n.referralId === existing);
  });
  // The same sender, year and time; another random part.
  missing = `${existing.slice(0, -8)}${existing.endsWith("00000000") ? "11111111" : "00000000"}`;
});

/** The answer with the probed id replaced, so answers about two ids can be compared. */
const shape = (response: GraphQLResponse, id: string) =>
  JSON.parse(JSON.stringify(response).replaceAll(id, "<id>"));

/**
 * The sequence numbers of what Polish callers left in `holder`'s audit log, newest first. They move the
 * log's head, which anyone signed in may read; other callers' entries are no part of a probe.
 */
async function polishEntries(holder: string): Promise<number[]> {
  const response = await query(
    holder,
    `{ country(code: "${holder}") { auditTrail(country: "PL", first: 100) { nodes { seq } } } }`,
  );
  expect(response.errors).toBeUndefined();
  return response.data.country.auditTrail.nodes.map((n: { seq: number }) => n.seq);
}

/** Probes `holder` about the existing and the missing id; the answers and the audit entries must be alike. */
async function probeBoth(holder: string, probe: (id: string) => Promise<GraphQLResponse>) {
  const start = (await polishEntries(holder))[0] ?? 0;
  const aboutExisting = await probe(existing);
  const afterExisting = await polishEntries(holder);
  const aboutMissing = await probe(missing);
  const afterMissing = await polishEntries(holder);
  expect(shape(aboutExisting, existing)).toEqual(shape(aboutMissing, missing));
  const logged = {
    existing: afterExisting.filter((seq) => seq > start).length,
    missing: afterMissing.filter((seq) => seq > (afterExisting[0] ?? 0)).length,
  };
  expect(logged.existing).toBeGreaterThan(0);
  expect(logged.missing).toBe(logged.existing);
  return aboutExisting;
}

const polishSystem = (scopes: string[]) =>
  federation().tokenFor({ role: "NATIONAL_SYSTEM", country: "PL", scopes: scopes as never });

const serviceOf = (code: string) => {
  const credential = serviceKeyOf(`national-${code.toLowerCase()}`);
  return signServiceToken(federation().serviceKeysDir(credential.service), credential, {
    role: "NATIONAL_SYSTEM",
    subject: `service:${credential.service}`,
    scopes: ["doorbells:ring"],
    expiresIn: "5m",
    // Every doorbell here rings Lithuania.
    audience: subgraphAudience("national-lt"),
  });
};

function ring(to: string, token: string, referralId: string) {
  return graphql(
    federation().gatewayUrl,
    `mutation($input: DoorbellInput!) { ${mutationNamespace(findCountry(to)!)} { ringDoorbell(input: $input) { id new } } }`,
    {
      variables: { input: { id: newKey("probe"), event: "RESPONSE_GIVEN", referralId, at: new Date() } },
      token,
    },
  );
}

describe("no existence oracle", () => {
  it("referral(id): another pair's referral reads as null, like one never sent, and is logged alike", async () => {
    const token = await officer("PL");
    const answer = await probeBoth("SE", (id) =>
      graphql(
        federation().gatewayUrl,
        `
          query ($id: ID!) {
            country(code: "SE") {
              referral(id: $id) {
                id
                to {
                  code
                }
              }
            }
          }
        `,
        {
          variables: { id },
          token,
        },
      ),
    );
    expect(answer).toEqual({ data: { country: { referral: null } } });
  });

  it("referralRecords: refused alike at the sender and at the receiver, naming no country of the referral", async () => {
    const token = await officer("PL");
    for (const holder of ["SE", "LT"]) {
      const answer = await probeBoth(holder, (id) =>
        graphql(
          federation().gatewayUrl,
          `query($ids: [ID!]!) { country(code: "${holder}") { referralRecords(referralIds: $ids) { referralId } } }`,
          { variables: { ids: [id] }, token },
        ),
      );
      expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
      expect(answer.errors![0].message).not.toMatch(/\bSE\b|\bLT\b|Sweden|Lithuania/);
    }
  });

  it("eraseReferralCopies: a third country's system is refused before the receiver asks the sender anything", async () => {
    const readsByLithuania = async () => {
      const response = await query(
        "SE",
        `{ country(code: "SE") { auditTrail(country: "LT", first: 100) { nodes { subject recordIds } } } }`,
      );
      expect(response.errors).toBeUndefined();
      return response.data.country.auditTrail.nodes.filter(
        (n: { subject: string; recordIds: string[] }) =>
          n.subject === "service:national-lt" && n.recordIds.some((id) => [existing, missing].includes(id)),
      ).length;
    };
    const before = await readsByLithuania();
    const token = await polishSystem(["referrals:erase"]);
    const answer = await probeBoth("LT", (id) =>
      graphql(
        federation().gatewayUrl,
        "mutation($id: ID!) { lithuania { eraseReferralCopies(referralId: $id) { erased } } }",
        { variables: { id }, token },
      ),
    );
    expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    // Lithuania did not read Sweden's referral under its own service identity on Poland's behalf.
    expect(await readsByLithuania()).toBe(before);
  });

  it("doorbells: kept only for a referral the ringer holds with the receiver, refused alike otherwise", async () => {
    const polishToSweden = await sendReferral("PL", "SE");
    const token = await serviceOf("PL");
    const attempts = {
      "a referral Poland never sent": "PL-2099-000001",
      "Sweden's referral to Lithuania": existing,
      "Poland's referral to Sweden, not Lithuania": polishToSweden,
    };
    const answers = [];
    for (const [what, referralId] of Object.entries(attempts)) {
      const response = await ring("LT", token, referralId);
      answers.push({ what, codes: response.errors?.map((e) => e.extensions?.code) });
      expect(response.errors![0].message.replace(referralId, "<id>")).toBe(
        "Poland and Lithuania hold no referral '<id>' together.",
      );
    }
    expect(answers).toEqual(Object.keys(attempts).map((what) => ({ what, codes: ["NOT_FOUND"] })));
    const inbox = await query(
      "LT",
      `{ country(code: "LT") { notifications(first: 200) { referralId from { code } } } }`,
    );
    const fromPoland = inbox.data.country.notifications.filter(
      (n: { referralId: string; from: { code: string } }) =>
        n.from.code === "PL" && Object.values(attempts).includes(n.referralId),
    );
    expect(fromPoland).toEqual([]);
  });

  it("doorbells: one country's rings are limited, and the refusal says when to ring again", async () => {
    const token = await serviceOf("DE");
    // DOORBELL_RINGS_PER_MINUTE is 120 by default: the 121st ring in a burst is refused.
    let refused: GraphQLResponse | undefined;
    for (let attempt = 0; attempt < 200 && !refused; attempt++) {
      const response = await ring("LT", token, "SE-2099-000001");
      if (response.errors?.[0].extensions?.code === "RATE_LIMITED") refused = response;
    }
    expect(refused?.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/DE rang more than 120 doorbells a minute\. Try again in \d+ s\./),
      extensions: { code: "RATE_LIMITED", retryAfterSeconds: expect.any(Number) },
    });
    // A ring over the limit writes nothing at Lithuania, not even in its audit log. The bucket refills while
    // the test rings (two rings a second), so some of these may be admitted: each admitted ring leaves two
    // entries (allowed, then not found), each refused one none.
    const germanEntries = async (): Promise<number[]> => {
      const trail = await query(
        "LT",
        `{ country(code: "LT") { auditTrail(country: "DE", first: 100) { nodes { seq } } } }`,
      );
      expect(trail.errors).toBeUndefined();
      return trail.data.country.auditTrail.nodes.map((node: { seq: number }) => node.seq);
    };
    const before = Math.max(0, ...(await germanEntries()));
    const codes: string[] = [];
    for (let more = 0; more < 10; more++) {
      codes.push((await ring("LT", token, "SE-2099-000001")).errors?.[0].extensions?.code);
    }
    const admitted = codes.filter((code) => code === "NOT_FOUND").length;
    expect(codes.filter((code) => code === "RATE_LIMITED").length).toBeGreaterThan(0);
    expect(admitted + codes.filter((code) => code === "RATE_LIMITED").length).toBe(10);
    expect((await germanEntries()).filter((seq) => seq > before)).toHaveLength(2 * admitted);
  });
});
