import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import ical, { VEvent } from "node-ical";
import { findCountry } from "#schema/registry";
import { connectStore, Role, ROOT_DIR } from "#core";
import { directoryModels } from "../../subgraphs/directory/src/assembly";
import { openCountryStore } from "../../subgraphs/national/src/assembly";
import { Store } from "../../subgraphs/national/src/store";
import { useSharedFederation } from "../support/federation";
import { errorCodes, graphql, GraphQLResponse } from "../support/graphql";

/**
 * The NCP network and the Plan's activities: partners and working groups in each country's own store,
 * regional events and the activity tracker at the Children's Unit, the calendar feed and the WGCC report.
 */
const federation = useSharedFederation();
const run = promisify(execFile);
const gateway = () => federation().gatewayUrl;
const token = (role: Role, country?: string) => federation().tokenFor({ role, country });
const officer = (code: string) => token("NCP_OFFICER", code);
const coordinator = () => token("RFP_COORDINATOR");
const analyst = () => token("RFP_ANALYST");
const YEAR = new Date().getUTCFullYear();
const today = () => new Date().toISOString();
/** A whole day at midnight UTC, as events take their dates: `offset` days from today. */
const day = (offset = 0) => new Date(Math.floor(Date.now() / 86_400_000 + offset) * 86_400_000).toISOString();
const namespace = (code: string) => (code === "SE" ? "sweden" : code === "LV" ? "latvia" : "lithuania");

let counter = 0;
const partnerInput = (overrides: Record<string, unknown> = {}) => ({
  name: `Test Partner ${++counter}`,
  kind: "NGO",
  services: ["LEGAL_AID"],
  languages: ["sv", "en"],
  regions: ["Stockholm"],
  email: `partner-${counter}@ngo.example`,
  directPhone: "+46700000001",
  ...overrides,
});

/** A mutation in a country's own namespace, by a caller of the caller's choosing. */
async function write(
  code: string,
  field: string,
  args: string,
  variables: Record<string, unknown>,
  selection: string,
  bearer: string,
): Promise<GraphQLResponse> {
  return graphql(gateway(), `mutation(${args}) { ${namespace(code)} { ${field} { ${selection} } } }`, {
    variables,
    token: bearer,
  });
}

const ADD_PARTNER = ["addPartner(input: $input)", "$input: PartnerInput!"] as const;

async function addPartner(code: string, input: Record<string, unknown>, bearer?: string) {
  return write(
    code,
    ADD_PARTNER[0],
    ADD_PARTNER[1],
    { input },
    "id version name",
    bearer ?? (await officer(code)),
  );
}

async function storeOf<T>(code: string, read: (store: Store) => Promise<T>) {
  const store = await openCountryStore(federation().mongoUri(findCountry(code)!));
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

async function directoryStore<T>(
  read: (models: ReturnType<typeof directoryModels>) => Promise<T>,
): Promise<T> {
  const store = connectStore(federation().directoryMongoUri(), {
    label: "test",
    models: () => [],
    log: () => undefined,
  });
  try {
    await store.ready;
    return await read(directoryModels(store.connection));
  } finally {
    await store.close();
  }
}

describe("partners", () => {
  it("are searched across the region by service and language, and the other countries answer when one is down", async () => {
    const se = await addPartner(
      "SE",
      partnerInput({ services: ["FAMILY_TRACING"], languages: ["ru", "sv"] }),
    );
    const lv = await addPartner(
      "LV",
      partnerInput({
        services: ["FAMILY_TRACING", "SHELTER"],
        languages: ["ru", "lv"],
        regions: ["Daugavpils"],
      }),
    );
    const lt = await addPartner("LT", partnerInput({ services: ["FAMILY_TRACING"], languages: ["lt"] }));
    const search = `{ countries { code partners(service: FAMILY_TRACING, language: "ru") { id name services languages } } }`;
    const found = await graphql(gateway(), search);
    expect(found.errors).toBeUndefined();
    const ids = (code: string) =>
      found.data.countries
        .find((c: { code: string }) => c.code === code)
        .partners.map((p: { id: string }) => p.id);
    expect(ids("SE")).toContain(se.data.sweden.addPartner.id);
    expect(ids("LV")).toContain(lv.data.latvia.addPartner.id);
    expect(ids("LT")).not.toContain(lt.data.lithuania.addPartner.id);
    for (const country of found.data.countries) {
      for (const partner of country.partners) {
        expect(partner.services).toContain("FAMILY_TRACING");
        expect(partner.languages).toContain("ru");
      }
    }

    const latvia = findCountry("LV")!;
    await federation().stopNational(latvia);
    try {
      const partial = await graphql(gateway(), search);
      expect(partial.errors!.map((e) => [e.extensions!.code, e.extensions!.country])).toEqual([
        ["COUNTRY_UNAVAILABLE", "LV"],
      ]);
      const answered = partial.data.countries.find((c: { code: string }) => c.code === "SE");
      expect(answered.partners.map((p: { id: string }) => p.id)).toContain(se.data.sweden.addPartner.id);
      expect(partial.data.countries.find((c: { code: string }) => c.code === "LV").partners).toBeNull();
    } finally {
      await federation().startNational(latvia);
    }
  });

  it("show NCP-only contact fields to NCPs of any country, not to the public", async () => {
    await addPartner("SE", partnerInput({ name: "Visible Partner", directPhone: "+46700000042" }));
    const query = `{ country(code: "SE") { partners { name directPhone } } }`;
    const asPublic = await graphql(gateway(), query);
    expect(errorCodes(asPublic)).toContain("UNAUTHENTICATED");
    const asPoland = await graphql(gateway(), query, { token: await officer("PL") });
    expect(asPoland.errors).toBeUndefined();
    expect(asPoland.data.country.partners).toContainEqual({
      name: "Visible Partner",
      directPhone: "+46700000042",
    });
  });

  it("are edited only by their own country, under their version; nothing is written otherwise", async () => {
    const created = (await addPartner("SE", partnerInput())).data.sweden.addPartner;
    const count = () => storeOf("SE", (s) => s.Partner.countDocuments());
    const before = await count();

    const byLithuania = await addPartner("SE", partnerInput(), await officer("LT"));
    expect(errorCodes(byLithuania)).toEqual(["FORBIDDEN"]);
    const byRfp = await addPartner("SE", partnerInput(), await coordinator());
    expect(errorCodes(byRfp)).toEqual(["FORBIDDEN"]);
    expect(await count()).toBe(before);

    const update = (version: number, bearer: string, name: string) =>
      write(
        "SE",
        "updatePartner(id: $id, version: $version, input: $input)",
        "$id: ID!, $version: Int!, $input: PartnerInput!",
        { id: created.id, version, input: partnerInput({ name }) },
        "version name",
        bearer,
      );
    expect(errorCodes(await update(created.version, await officer("LT"), "Taken over"))).toEqual([
      "FORBIDDEN",
    ]);
    const updated = await update(created.version, await officer("SE"), "Renamed Partner");
    expect(updated.data.sweden.updatePartner).toEqual({
      version: created.version + 1,
      name: "Renamed Partner",
    });
    const stale = await update(created.version, await officer("SE"), "Lost update");
    expect(errorCodes(stale)).toEqual(["CONFLICT"]);
    const stored = await storeOf("SE", (s) => s.Partner.findById(created.id).lean<{ name: string }>());
    expect(stored!.name).toBe("Renamed Partner");
  });

  it.each([
    ["language not ISO 639-1", { languages: ["russian"] }, "languages"],
    ["no service", { services: [] }, "services"],
    ["no region", { regions: [] }, "regions"],
    ["website without a scheme", { website: "ngo.example" }, "website"],
    ["phone not E.164", { phone: "0046 8 123" }, "phone"],
    ["email", { email: "nobody" }, "email"],
  ])("refuse bad input (%s) with BAD_USER_INPUT naming the field", async (_label, override, field) => {
    const before = await storeOf("SE", (s) => s.Partner.countDocuments());
    const response = await addPartner("SE", partnerInput(override));
    expect(errorCodes(response)).toEqual(["BAD_USER_INPUT"]);
    expect(response.errors![0].extensions!.field).toBe(field);
    expect(response.errors![0].message).toMatch(new RegExp(`^${field}: `));
    expect(await storeOf("SE", (s) => s.Partner.countDocuments())).toBe(before);
  });

  it("refuse a search by an unknown service (the schema) or a language that is no ISO 639-1 code", async () => {
    const response = await graphql(
      gateway(),
      `
        {
          countries {
            partners(service: SURVEILLANCE) {
              id
            }
          }
        }
      `,
    );
    expect(errorCodes(response)).toContain("GRAPHQL_VALIDATION_FAILED");
    // Filters given as null, as a form sends them, filter nothing.
    const unfiltered = await graphql(
      gateway(),
      'query($service: PartnerService, $language: String) { country(code: "LV") { partners(service: $service, language: $language) { id } } }',
      { variables: { service: null, language: null } },
    );
    expect(unfiltered.errors).toBeUndefined();
    expect(unfiltered.data.country.partners.length).toBeGreaterThan(0);
    const russian = await graphql(
      gateway(),
      `
        {
          country(code: "LV") {
            partners(language: "russian") {
              id
            }
          }
        }
      `,
    );
    expect(russian.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "language" });
  });
});

describe("the national working group", () => {
  const SET = "setWorkingGroup(input: $input, version: $version)";
  const SET_ARGS = "$input: WorkingGroupInput!, $version: Int";
  const FIELDS = "name version members { id name } meetings { place decisions }";

  it("is kept by its own country, with member partners and meetings, and read by signed-in principals", async () => {
    const member = (await addPartner("LT", partnerInput({ languages: ["lt"] }))).data.lithuania.addPartner;
    const current = await graphql(
      gateway(),
      `
        {
          country(code: "LT") {
            workingGroup {
              version
            }
          }
        }
      `,
      {
        token: await officer("LT"),
      },
    );
    const version = current.data.country.workingGroup?.version;
    const input = {
      name: "Lithuanian working group",
      mandate: "Coordinates care and return",
      memberIds: [member.id],
    };

    const byPoland = await write("LT", SET, SET_ARGS, { input, version }, FIELDS, await officer("PL"));
    expect(errorCodes(byPoland)).toEqual(["FORBIDDEN"]);

    const set = await write("LT", SET, SET_ARGS, { input, version }, FIELDS, await officer("LT"));
    expect(set.errors).toBeUndefined();
    expect(set.data.lithuania.setWorkingGroup.members).toEqual([{ id: member.id, name: member.name }]);

    const stale = await write("LT", SET, SET_ARGS, { input, version }, FIELDS, await officer("LT"));
    expect(errorCodes(stale)).toEqual(["CONFLICT"]);

    const notAPartner = await write(
      "LT",
      SET,
      SET_ARGS,
      {
        input: { ...input, memberIds: ["0123456789abcdef01234567"] },
        version: set.data.lithuania.setWorkingGroup.version,
      },
      FIELDS,
      await officer("LT"),
    );
    expect(errorCodes(notAPartner)).toEqual(["BAD_USER_INPUT"]);
    expect(notAPartner.errors![0].extensions!.field).toBe("memberIds");

    const recorded = await write(
      "LT",
      "recordWorkingGroupMeeting(input: $input)",
      "$input: WorkingGroupMeetingInput!",
      { input: { heldOn: today(), place: "Kaunas", decisions: ["Shelters report weekly"] } },
      FIELDS,
      await officer("LT"),
    );
    expect(recorded.data.lithuania.recordWorkingGroupMeeting.meetings[0]).toEqual({
      place: "Kaunas",
      decisions: ["Shelters report weekly"],
    });
    const future = await write(
      "LT",
      "recordWorkingGroupMeeting(input: $input)",
      "$input: WorkingGroupMeetingInput!",
      { input: { heldOn: `${YEAR + 1}-12-31T00:00:00Z`, place: "Kaunas", decisions: [] } },
      FIELDS,
      await officer("LT"),
    );
    expect(errorCodes(future)).toEqual(["BAD_USER_INPUT"]);
    expect(future.errors![0].extensions!.field).toBe("heldOn");

    const read = `{ country(code: "LT") { workingGroup { name members { id } meetings { place } } } }`;
    expect(errorCodes(await graphql(gateway(), read))).toContain("UNAUTHENTICATED");
    const asAnalyst = await graphql(gateway(), read, { token: await analyst() });
    expect(asAnalyst.data.country.workingGroup.name).toBe("Lithuanian working group");
  });

  it("loses a member when that partner is removed", async () => {
    const member = (await addPartner("LV", partnerInput({ languages: ["lv"] }))).data.latvia.addPartner;
    const lv = await officer("LV");
    const group = await graphql(
      gateway(),
      `
        {
          country(code: "LV") {
            workingGroup {
              version
              members {
                id
              }
            }
          }
        }
      `,
      {
        token: lv,
      },
    );
    const { version, members } = group.data.country.workingGroup;
    const memberIds = [...members.map((m: { id: string }) => m.id), member.id];
    const set = await write(
      "LV",
      SET,
      SET_ARGS,
      { input: { name: "Latvian working group", mandate: "Coordination", memberIds }, version },
      FIELDS,
      lv,
    );
    expect(set.data.latvia.setWorkingGroup.members.map((m: { id: string }) => m.id)).toContain(member.id);
    const removal = await graphql(
      gateway(),
      `
        mutation ($id: ID!, $version: Int!) {
          latvia {
            removePartner(id: $id, version: $version)
          }
        }
      `,
      { variables: { id: member.id, version: member.version }, token: lv },
    );
    expect(removal.data.latvia.removePartner).toBe(member.id);
    const after = await graphql(
      gateway(),
      `
        {
          country(code: "LV") {
            workingGroup {
              members {
                id
              }
            }
          }
        }
      `,
      {
        token: lv,
      },
    );
    expect(after.data.country.workingGroup.members.map((m: { id: string }) => m.id)).not.toContain(member.id);
  });
});

describe("progress on the Plan of Action", () => {
  const REPORT = "reportPlanProgress(input: $input)";
  const ARGS = "$input: ProgressNoteInput!";

  it("is held in the reporting country's own store and read by the RFP through the gateway", async () => {
    const text = `Sweden trained 40 social workers on referral routes (${Date.now()})`;
    const reported = await write(
      "SE",
      REPORT,
      ARGS,
      { input: { itemId: "IV.5", reportedOn: today(), text } },
      "id itemId text",
      await officer("SE"),
    );
    expect(reported.errors).toBeUndefined();
    expect(await storeOf("SE", (s) => s.PlanProgress.countDocuments({ text }))).toBe(1);
    expect(await storeOf("LT", (s) => s.PlanProgress.countDocuments({ text }))).toBe(0);
    const region = await graphql(
      gateway(),
      `
        query ($year: Int!) {
          countries {
            code
            planProgress(year: $year) {
              text
            }
          }
        }
      `,
      {
        variables: { year: YEAR },
        token: await analyst(),
      },
    );
    const sweden = region.data.countries.find((c: { code: string }) => c.code === "SE");
    expect(sweden.planProgress.map((n: { text: string }) => n.text)).toContain(text);
  });

  it("is refused for another country, an unknown item or a future date, and nothing is written", async () => {
    const count = () => storeOf("SE", (s) => s.PlanProgress.countDocuments());
    const before = await count();
    const input = { itemId: "II.6", reportedOn: today(), text: "Progress" };
    expect(errorCodes(await write("SE", REPORT, ARGS, { input }, "id", await officer("LT")))).toEqual([
      "FORBIDDEN",
    ]);
    const unknown = await write(
      "SE",
      REPORT,
      ARGS,
      { input: { ...input, itemId: "IX.9" } },
      "id",
      await officer("SE"),
    );
    expect(errorCodes(unknown)).toEqual(["BAD_USER_INPUT"]);
    expect(unknown.errors![0].extensions!.field).toBe("itemId");
    const future = await write(
      "SE",
      REPORT,
      ARGS,
      { input: { ...input, reportedOn: `${YEAR + 1}-06-01T00:00:00Z` } },
      "id",
      await officer("SE"),
    );
    expect(future.errors![0].extensions!.field).toBe("reportedOn");
    // A value its scalar refuses is the caller's mistake too, passed on by the gateway as the subgraph said it.
    const notADateTime = await write(
      "SE",
      REPORT,
      ARGS,
      { input: { ...input, reportedOn: "30.11.2026" } },
      "id",
      await officer("SE"),
    );
    expect(errorCodes(notADateTime)).toEqual(["BAD_USER_INPUT"]);
    expect(notADateTime.errors![0].message).toContain("reportedOn");
    expect(await count()).toBe(before);
  });
});

describe("regional events and the activity tracker", () => {
  const CREATE = `mutation($input: RegionalEventInput!) { createRegionalEvent(input: $input) { id version title participantCount participatingCountries } }`;
  const eventInput = (overrides: Record<string, unknown> = {}) => ({
    kind: "TRAINING_SEMINAR",
    title: `Prevention seminar with international organisations ${++counter}`,
    topic: "Prevention of trafficking in children",
    startsOn: day(),
    endsOn: day(1),
    place: "Tallinn",
    organiser: "CBSS Children's Unit",
    planItemIds: ["IV.4"],
    audiences: ["POLICE", "INTERNATIONAL_ORGANISATION"],
    participation: [
      { country: "EE", profession: "POLICE", count: 9 },
      { country: "MD", profession: "INTERNATIONAL_ORGANISATION", count: 2 },
    ],
    materials: [{ title: "Slides", url: "https://childrenatrisk.example/prevention.pdf" }],
    ...overrides,
  });
  const eventCount = () => directoryStore((m) => m.RegionalEvent.countDocuments());

  it("are created and updated by the RFP coordinator, and each write is in the Children's Unit's audit log", async () => {
    const input = eventInput();
    const created = await graphql(gateway(), CREATE, { variables: { input }, token: await coordinator() });
    expect(created.errors).toBeUndefined();
    const event = created.data.createRegionalEvent;
    expect(event).toMatchObject({ version: 1, participantCount: 11, participatingCountries: ["EE", "MD"] });

    const UPDATE = `mutation($id: ID!, $version: Int!, $input: RegionalEventInput!) {
      updateRegionalEvent(id: $id, version: $version, input: $input) { version place } }`;
    const updated = await graphql(gateway(), UPDATE, {
      variables: { id: event.id, version: 1, input: { ...input, place: "Narva" } },
      token: await coordinator(),
    });
    expect(updated.data.updateRegionalEvent).toEqual({ version: 2, place: "Narva" });
    const stale = await graphql(gateway(), UPDATE, {
      variables: { id: event.id, version: 1, input },
      token: await coordinator(),
    });
    expect(errorCodes(stale)).toEqual(["CONFLICT"]);

    // The creation names the event it made; the update and the refused stale update name it too.
    const audited = await directoryStore((m) =>
      m.Audit.find({ policy: "coordinateActivities", recordIds: event.id })
        .sort({ _id: 1 })
        .lean<Array<{ outcome: string; role: string; operation: string }>>(),
    );
    expect(audited.map((a) => [a.role, a.outcome])).toEqual([
      ["RFP_COORDINATOR", "SUCCEEDED"],
      ["RFP_COORDINATOR", "ALLOWED"],
      ["RFP_COORDINATOR", "SUCCEEDED"],
      ["RFP_COORDINATOR", "ALLOWED"],
      ["RFP_COORDINATOR", "FAILED"],
    ]);

    const { stdout } = await run(process.execPath, [
      join(ROOT_DIR, "dist", "scripts", "audit-verify.js"),
      "--directory",
      "--mongodb-uri",
      federation().directoryMongoUri(),
    ]);
    expect(stdout).toContain("OK: every entry verifies.");

    const asNcp = await graphql(gateway(), `{ regionalEvent(id: "${event.id}") { title place } }`, {
      token: await officer("PL"),
    });
    expect(asNcp.data.regionalEvent).toEqual({ title: input.title, place: "Narva" });
    expect(
      errorCodes(
        await graphql(
          gateway(),
          `
            {
              regionalEvents {
                id
              }
            }
          `,
        ),
      ),
    ).toEqual(["UNAUTHENTICATED"]);
  });

  it.each([
    ["an RFP analyst", () => analyst()],
    ["an NCP officer", () => officer("SE")],
  ])("are refused to %s, with nothing written", async (_label, bearer) => {
    const before = await eventCount();
    const created = await graphql(gateway(), CREATE, {
      variables: { input: eventInput() },
      token: await bearer(),
    });
    expect(errorCodes(created)).toEqual(["FORBIDDEN"]);
    const [existing] = await directoryStore((m) =>
      m.RegionalEvent.find().limit(1).lean<Array<{ _id: unknown; version: number }>>(),
    );
    const update = await graphql(
      gateway(),
      `
        mutation ($id: ID!, $version: Int!, $input: RegionalEventInput!) {
          updateRegionalEvent(id: $id, version: $version, input: $input) {
            id
          }
        }
      `,
      {
        variables: { id: String(existing._id), version: existing.version, input: eventInput() },
        token: await bearer(),
      },
    );
    expect(errorCodes(update)).toEqual(["FORBIDDEN"]);
    const activities = () => directoryStore((m) => m.Activity.find().sort({ _id: 1 }).lean());
    const tracked = await activities();
    const note = await graphql(
      gateway(),
      `mutation { addActivityNote(itemId: "IV.4", input: { kind: GAP, writtenOn: "${today()}", text: "x" }) { id } }`,
      { token: await bearer() },
    );
    expect(errorCodes(note)).toEqual(["FORBIDDEN"]);
    const status = await graphql(
      gateway(),
      `
        mutation {
          setActivityStatus(itemId: "IV.4", status: COMPLETED, version: 0) {
            id
          }
        }
      `,
      { token: await bearer() },
    );
    expect(errorCodes(status)).toEqual(["FORBIDDEN"]);
    expect(await eventCount()).toBe(before);
    expect(
      await directoryStore((m) => m.RegionalEvent.findById(existing._id).lean<{ version: number }>()),
    ).toMatchObject({
      version: existing.version,
    });
    expect(await activities()).toEqual(tracked);
  });

  it.each([
    ["ends before it starts", { startsOn: "2026-05-02T00:00:00Z", endsOn: "2026-05-01T00:00:00Z" }, "endsOn"],
    ["an unknown item of the Plan", { planItemIds: ["IX.1"] }, "planItemIds"],
    ["a date with a time of day", { startsOn: "2026-05-02T09:30:00Z" }, "startsOn"],
    [
      "an unknown country",
      { participation: [{ country: "XX", profession: "POLICE", count: 1 }] },
      "participation.0.country",
    ],
    [
      "a count of zero",
      { participation: [{ country: "EE", profession: "POLICE", count: 0 }] },
      "participation.0.count",
    ],
    [
      "a country and profession counted twice",
      {
        participation: [
          { country: "EE", profession: "POLICE", count: 1 },
          { country: "EE", profession: "POLICE", count: 2 },
        ],
      },
      "participation.1",
    ],
    [
      "a material that is not a web address",
      { materials: [{ title: "x", url: "file:///etc/passwd" }] },
      "materials.0.url",
    ],
  ])("refuse bad input (%s) with BAD_USER_INPUT naming the field", async (_label, override, field) => {
    const before = await eventCount();
    const response = await graphql(gateway(), CREATE, {
      variables: { input: eventInput(override) },
      token: await coordinator(),
    });
    expect(errorCodes(response)).toEqual(["BAD_USER_INPUT"]);
    expect(response.errors![0].extensions!.field).toBe(field);
    expect(await eventCount()).toBe(before);
  });

  it("tracks each item's status, owner and notes, kept by the RFP coordinator under a version", async () => {
    const read = `{ activity(id: "V.1") { status owner version notes { kind text } } }`;
    const start = (await graphql(gateway(), read, { token: await officer("FI") })).data.activity;
    const SET = `mutation($version: Int!, $owner: String) { setActivityStatus(itemId: "V.1", status: IN_PROGRESS, owner: $owner, version: $version) { status owner version } }`;
    expect(
      errorCodes(
        await graphql(gateway(), SET, { variables: { version: start.version }, token: await analyst() }),
      ),
    ).toEqual(["FORBIDDEN"]);
    const set = await graphql(gateway(), SET, {
      variables: { version: start.version, owner: "fi" },
      token: await coordinator(),
    });
    expect(set.data.setActivityStatus).toEqual({
      status: "IN_PROGRESS",
      owner: "FI",
      version: start.version + 1,
    });
    const stale = await graphql(gateway(), SET, {
      variables: { version: start.version },
      token: await coordinator(),
    });
    expect(errorCodes(stale)).toEqual(["CONFLICT"]);
    const badOwner = await graphql(gateway(), SET, {
      variables: { version: start.version + 1, owner: "WGCC" },
      token: await coordinator(),
    });
    expect(badOwner.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "owner" });

    const noted = await graphql(
      gateway(),
      `
        mutation ($text: String!, $on: DateTimeISO!) {
          addActivityNote(itemId: "V.1", input: { kind: SUGGESTION, writtenOn: $on, text: $text }) {
            version
            notes {
              kind
              text
            }
          }
        }
      `,
      { variables: { text: "Share the return checklist", on: today() }, token: await coordinator() },
    );
    expect(noted.errors).toBeUndefined();
    expect(noted.data.addActivityNote.notes).toContainEqual({
      kind: "SUGGESTION",
      text: "Share the return checklist",
    });
    // A note does not change the version: a status change prepared before it still applies.
    expect(noted.data.addActivityNote.version).toBe(start.version + 1);
    const after = await graphql(gateway(), SET, {
      variables: { version: start.version + 1 },
      token: await coordinator(),
    });
    expect(after.data.setActivityStatus.version).toBe(start.version + 2);
  });
});

describe("the calendar feed", () => {
  it("serves the regional events as iCalendar that a real parser reads, to signed-in callers", async () => {
    const title = `Seminar for care institutions ${Date.now()}`;
    const created = await graphql(
      gateway(),
      `
        mutation ($input: RegionalEventInput!) {
          createRegionalEvent(input: $input) {
            id
          }
        }
      `,
      {
        variables: {
          input: {
            kind: "TRAINING_SEMINAR",
            title,
            topic: "Care institutions",
            startsOn: `${YEAR}-03-10T00:00:00Z`,
            endsOn: `${YEAR}-03-11T00:00:00Z`,
            place: "Gdansk",
            organiser: "CBSS Children's Unit",
            planItemIds: ["IV.3"],
            audiences: ["CARE_STAFF"],
          },
        },
        token: await coordinator(),
      },
    );
    const id = created.data.createRegionalEvent.id;
    const feed = gateway().replace(/\/graphql$/, "/calendar.ics");

    expect((await fetch(feed)).status).toBe(401);
    const response = await fetch(feed, { headers: { authorization: `Bearer ${await officer("PL")}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/calendar/);
    const calendar = ical.sync.parseICS(await response.text());
    const event = Object.values(calendar).find(
      (c): c is VEvent => c?.type === "VEVENT" && c.uid.startsWith(id),
    )!;
    expect(event.summary).toBe(title);
    expect(event.location).toBe("Gdansk");
    expect(event.start.toISOString().slice(0, 10)).toBe(`${YEAR}-03-10`);
    // All-day events end the day after their last day.
    expect(event.end!.toISOString().slice(0, 10)).toBe(`${YEAR}-03-12`);
  });
});

describe("the WGCC report", () => {
  it("has the activity section for the year: events with participants, national progress, gaps and suggestions, in HTML, CSV and PDF", async () => {
    const out = mkdtempSync(join(ROOT_DIR, ".test-data", "report-"));
    const text = `Latvia opened a second shelter with Russian-speaking psychologists (${Date.now()})`;
    await write(
      "LV",
      "reportPlanProgress(input: $input)",
      "$input: ProgressNoteInput!",
      { input: { itemId: "II.5", reportedOn: today(), text } },
      "id",
      await officer("LV"),
    );
    const title = `NCP meeting in Rīga on the yearly report ${Date.now()}`;
    await graphql(
      gateway(),
      `
        mutation ($input: RegionalEventInput!) {
          createRegionalEvent(input: $input) {
            id
          }
        }
      `,
      {
        variables: {
          input: {
            kind: "NCP_MEETING",
            title,
            topic: "The yearly report",
            startsOn: day(),
            endsOn: day(),
            place: "Helsinki",
            organiser: "CBSS Children's Unit",
            planItemIds: ["III.10"],
            audiences: ["NCP"],
            participation: [{ country: "FI", profession: "NCP", count: 3 }],
          },
        },
        token: await coordinator(),
      },
    );
    await graphql(
      gateway(),
      `
        mutation ($on: DateTimeISO!) {
          addActivityNote(
            itemId: "III.10"
            input: { kind: GAP, writtenOn: $on, text: "Two countries sent no figures" }
          ) {
            id
          }
        }
      `,
      { variables: { on: today() }, token: await coordinator() },
    );

    const { stdout } = await run(
      process.execPath,
      [
        join(ROOT_DIR, "dist", "scripts", "report.js"),
        "--year",
        String(YEAR),
        "--token",
        await analyst(),
        "--gateway",
        gateway(),
        "--out",
        out,
      ],
      { timeout: 120_000 },
    );
    expect(stdout).toMatch(/Plan items with activity/);

    const html = readFileSync(join(out, "index.html"), "utf8");
    expect(html).toContain("Activities of the Plan of Action");
    expect(html).toContain(title);
    expect(html).toContain("3 participants from FI");
    expect(html).toContain(text);
    expect(html).toContain("Two countries sent no figures");

    const csv = readFileSync(join(out, "activities.csv"), "utf8");
    expect(csv.split("\n").find((line) => line.startsWith("II.5,"))).toContain(`LV: ${text}`);

    const { stdout: pdf } = await run("pdftotext", ["-layout", join(out, "report.pdf"), "-"]);
    const flat = pdf.replace(/\s+/g, " ");
    expect(flat).toContain("Activities of the Plan of Action");
    expect(flat).toContain(title);
    expect(flat).toContain("Two countries sent no figures");
    expect(flat).toContain(text);
    expect(flat).toContain("Statistics: totals by country");
  }, 180_000);
});
