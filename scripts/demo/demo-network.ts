import { createHash } from "node:crypto";
import { Types } from "mongoose";
import { CountryEntry } from "#schema/countries";
import { ENABLED_COUNTRIES } from "#schema/registry";
import { connectStore } from "#core";
import { ActivityNoteKind, ActivityStatus } from "../../subgraphs/directory/src/activities/activity.enums";
import { EventKind, Profession } from "../../subgraphs/directory/src/events/event.enums";
import { directoryModels } from "../../subgraphs/directory/src/assembly";
import { PartnerKind, PartnerService } from "../../subgraphs/national/src/modules/network/partner.enums";
import { WORKING_GROUP_ID } from "../../subgraphs/national/src/modules/network/working-group.model";
import { openCountryStore } from "../../subgraphs/national/src/assembly";
import { demoOffice, demoPhone } from "./demo-contact-points";

/**
 * Demo records of the NCP network: fictional partners (`.example` addresses, numbers that reach nobody),
 * each country's working group and a progress note, and the Children's Unit's events and tracker. Stable
 * ids and insert-only writes: seeding twice changes nothing, and what an officer edited stays edited.
 */
const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Math.floor(Date.now() / DAY_MS - days) * DAY_MS);
const stableId = (key: string) =>
  new Types.ObjectId(createHash("sha256").update(`demo-network:${key}`).digest("hex").slice(0, 24));

/** Partners a country's NCP would know; Latvia's shelter has Russian-speaking psychologists. */
export function demoPartners(country: CountryEntry) {
  const office = demoOffice(country);
  const code = country.code.toLowerCase();
  const local = office.languages.filter((l) => l !== "en");
  return [
    {
      _id: stableId(`${country.code}:shelter`),
      name: `${office.city} Safe House for Children`,
      kind: PartnerKind.NGO,
      services: [
        PartnerService.SHELTER,
        PartnerService.PSYCHOLOGICAL_SUPPORT,
        PartnerService.EDUCATION_AND_TRAINING,
      ],
      languages: [...local, "en"],
      regions: [office.city],
      description: `Round-the-clock shelter for unaccompanied and trafficked children in ${office.city}, with psychologists on staff.`,
      website: `https://safehouse.${code}.example`,
      email: `intake@safehouse.${code}.example`,
      phone: demoPhone(country, "300"),
      contactPerson: "Intake coordinator",
      directPhone: demoPhone(country, "301"),
      directEmail: `ncp-line@safehouse.${code}.example`,
    },
    {
      _id: stableId(`${country.code}:legal`),
      name: `${country.name} Children's Legal Aid Network`,
      kind: PartnerKind.NGO,
      services: [PartnerService.LEGAL_AID, PartnerService.GUARDIANSHIP, PartnerService.INTERPRETATION],
      languages: [...local.slice(0, 1), "en"],
      regions: [country.name],
      email: `help@legalaid.${code}.example`,
      phone: demoPhone(country, "400"),
    },
    {
      _id: stableId(`${country.code}:iom`),
      name: `International Organization for Migration, ${country.name} office`,
      kind: PartnerKind.INTERNATIONAL_ORGANISATION,
      services: [PartnerService.FAMILY_TRACING, PartnerService.RETURN_AND_REINTEGRATION],
      languages: ["en", ...local.slice(0, 1)],
      regions: [country.name],
      email: `${code}@iom.example`,
    },
  ];
}

const MARKER = "demo-network";

/** Seeds one country's partners, working group and a progress note, once. */
export async function seedNetwork(country: CountryEntry, mongoUri: string): Promise<boolean> {
  const store = await openCountryStore(mongoUri);
  try {
    if (await store.Meta.exists({ _id: MARKER })) return false;
    const partners = demoPartners(country);
    for (const { _id, ...fields } of partners) {
      await store.Partner.updateOne({ _id }, { $setOnInsert: { ...fields, version: 1 } }, { upsert: true });
    }
    await store.WorkingGroup.updateOne(
      { _id: WORKING_GROUP_ID },
      {
        $setOnInsert: {
          name: `${country.name} national working group on unaccompanied and trafficked children`,
          mandate:
            "Coordinates the authorities and organisations that identify, care for and return children, and advises the NCP.",
          chair: demoOffice(country).organisation,
          memberIds: partners.slice(0, 2).map((p) => p._id),
          meetings: [
            {
              heldOn: daysAgo(40),
              place: demoOffice(country).city,
              agenda: "Referral routes between shelters and the NCP",
              decisions: ["Shelters notify the NCP within 24 hours of taking in a child from abroad."],
            },
          ],
          version: 1,
        },
      },
      { upsert: true },
    );
    await store.PlanProgress.updateOne(
      { _id: stableId(`${country.code}:progress`) },
      {
        $setOnInsert: {
          itemId: "II.6",
          reportedOn: daysAgo(35),
          text: "The national working group met and agreed how shelters notify the NCP.",
          reportedBy: "demo-seed",
        },
      },
      { upsert: true },
    );
    await store.Meta.updateOne({ _id: MARKER }, { $set: { value: new Date() } }, { upsert: true });
    return true;
  } finally {
    await store.close();
  }
}

function demoEvents() {
  const ncpsOf = (count: number) =>
    ENABLED_COUNTRIES.map((c) => ({ country: c.code, profession: Profession.NCP, count }));
  return [
    {
      _id: stableId("event:interviewing"),
      kind: EventKind.TRAINING_SEMINAR,
      title: "Interviewing children: methods for police and migration officers",
      topic: "Child-friendly interviews of presumed victims of trafficking",
      startsOn: daysAgo(60),
      endsOn: daysAgo(59),
      place: "Riga",
      organiser: "CBSS Children's Unit",
      planItemIds: ["IV.1"],
      audiences: [Profession.POLICE, Profession.MIGRATION, Profession.BORDER_GUARD],
      participation: [
        { country: "LV", profession: Profession.POLICE, count: 12 },
        { country: "LT", profession: Profession.POLICE, count: 8 },
        { country: "EE", profession: Profession.MIGRATION, count: 6 },
        { country: "PL", profession: Profession.BORDER_GUARD, count: 5 },
        { country: "UA", profession: Profession.POLICE, count: 3 },
      ],
      materials: [{ title: "Programme", url: "https://childrenatrisk.example/interviewing/programme.pdf" }],
    },
    {
      _id: stableId("event:ncp-meeting"),
      kind: EventKind.NCP_MEETING,
      title: "Meeting of the National Contact Points",
      topic: "Referral deadlines, return safeguards and the yearly figures",
      startsOn: daysAgo(30),
      endsOn: daysAgo(30),
      place: "Warsaw",
      organiser: "CBSS Children's Unit",
      planItemIds: ["III.4", "III.10"],
      audiences: [Profession.NCP],
      participation: ncpsOf(2),
      materials: [],
    },
    {
      _id: stableId("event:care-gaps"),
      kind: EventKind.TRAINING_SEMINAR,
      title: "Closing the care gap: from identification to a placement",
      topic: "Care institutions and social services receiving children from abroad",
      startsOn: daysAgo(10),
      endsOn: daysAgo(9),
      place: "Vilnius",
      organiser: "CBSS Children's Unit with the Lithuanian NCP",
      planItemIds: ["IV.2", "IV.3"],
      audiences: [Profession.SOCIAL_SERVICES, Profession.CARE_STAFF],
      participation: [
        { country: "LT", profession: Profession.CARE_STAFF, count: 14 },
        { country: "LV", profession: Profession.SOCIAL_SERVICES, count: 7 },
        { country: "FI", profession: Profession.SOCIAL_SERVICES, count: 4 },
      ],
      materials: [],
    },
    {
      _id: stableId("event:ngo-meeting"),
      kind: EventKind.NGO_MEETING,
      title: "NGO meeting on shelters and reintegration",
      topic: "How shelters and NCPs work together on returns",
      startsOn: daysAgo(-45),
      endsOn: daysAgo(-45),
      place: "Stockholm",
      organiser: "CBSS Children's Unit",
      planItemIds: ["VI.1"],
      audiences: [Profession.NGO, Profession.NCP],
      participation: [],
      materials: [],
    },
  ];
}

function demoActivities() {
  const note = (kind: ActivityNoteKind, days: number, text: string) => ({
    _id: stableId(`note:${kind}:${days}`),
    kind,
    writtenOn: daysAgo(days),
    text,
    writtenBy: "demo-seed",
  });
  return [
    {
      _id: "II.6",
      status: ActivityStatus.IN_PROGRESS,
      owner: "COUNTRIES",
      notes: [
        note(
          ActivityNoteKind.PROGRESS,
          33,
          "Every country reported a national working group that met this year.",
        ),
        note(ActivityNoteKind.GAP, 32, "Few working groups include the police and the border guard."),
        note(
          ActivityNoteKind.SUGGESTION,
          31,
          "Invite law enforcement to the next round of working group meetings.",
        ),
      ],
    },
    {
      _id: "III.4",
      status: ActivityStatus.ONGOING,
      owner: "RFP",
      notes: [note(ActivityNoteKind.PROGRESS, 29, "The yearly NCP meeting was held in Warsaw.")],
    },
    {
      _id: "IV.1",
      status: ActivityStatus.COMPLETED,
      owner: "RFP",
      notes: [
        note(
          ActivityNoteKind.PROGRESS,
          58,
          "The interviewing seminar trained 34 officers from five countries.",
        ),
      ],
    },
    { _id: "IV.4", status: ActivityStatus.STALLED, owner: "RFP", notes: [] },
  ].map((activity) => ({ ...activity, version: 1 }));
}

/** Seeds the Children's Unit's demo events and tracker records (insert-only). */
export async function seedDirectory(mongoUri: string): Promise<void> {
  let models: ReturnType<typeof directoryModels> | undefined;
  const store = connectStore(mongoUri, {
    label: "seed",
    models: () => (models ? Object.values(models) : []),
    log: () => undefined,
  });
  models = directoryModels(store.connection);
  try {
    await store.ready;
    for (const { _id, ...event } of demoEvents()) {
      await models.RegionalEvent.updateOne(
        { _id },
        { $setOnInsert: { ...event, version: 1 } },
        { upsert: true },
      );
    }
    for (const { _id, ...activity } of demoActivities()) {
      await models.Activity.updateOne({ _id }, { $setOnInsert: activity }, { upsert: true });
    }
  } finally {
    await store.close();
  }
}
