import { CountryEntry } from "#schema/countries";
import { findCountry } from "#schema/registry";
import { ProfileField } from "../../subgraphs/national/src/modules/referral/child-profile.rules";
import { payloadHash, writeOnce } from "../../subgraphs/national/src/modules/idempotency";
import { applyCaseCounts, caseCountChanges } from "../../subgraphs/national/src/modules/case/case-counts";
import { openCountryStore } from "../../subgraphs/national/src/assembly";
import { Store } from "../../subgraphs/national/src/store";

/**
 * Fictional bilateral referrals at different stages, written the way the subgraphs write them: the
 * referral and the sender's events in the sender's store, the response and the receiver's events in the
 * receiver's. Each is keyed by a stable idempotency key, so seeding twice writes nothing new.
 */
interface DemoReferral {
  key: string;
  from: string;
  to: string;
  purpose: string;
  urgency: "URGENT" | "NORMAL";
  daysAgo: number;
  status: "SENT" | "WITHDRAWN" | "CLOSED";
  child: {
    targetGroups: string[];
    exploitationForms?: string[];
    sex: string;
    birthYear?: number;
    ageBand: string;
    nationality: string;
    stage: string;
    /** The casework records: guardian, the child's views, reflection period. */
    guardian?: Record<string, unknown>;
    childViews?: Record<string, unknown>;
    reflectionPeriodEndsOn?: Date;
  };
  profile: Partial<Record<ProfileField, unknown>>;
  response?: Record<string, unknown>;
  events?: Array<{ by: "from" | "to"; kind: string; daysAgo: number; notes: string }>;
}

const day = 86_400_000;

export const DEMO_REFERRALS: DemoReferral[] = [
  {
    key: "demo-se-lt-return",
    from: "SE",
    to: "LT",
    purpose: "RISK_ASSESSMENT",
    urgency: "NORMAL",
    daysAgo: 260,
    status: "SENT",
    child: {
      targetGroups: ["TRAFFICKED"],
      exploitationForms: ["FORCED_LABOUR"],
      sex: "FEMALE",
      birthYear: 2011,
      ageBand: "AGE_15_17",
      nationality: "LT",
      stage: "RETURNED",
      guardian: {
        name: "Demo Guardian",
        organisation: "Malmo social services",
        appointedOn: new Date(Date.now() - 258 * day),
      },
      childViews: {
        heardOn: new Date(Date.now() - 245 * day),
        onReturn: "WISHES_TO_RETURN",
        statement: "Wants to go home to her mother and finish school.",
        language: "lt",
        withInterpreter: true,
      },
      reflectionPeriodEndsOn: new Date(Date.now() - 230 * day),
    },
    profile: {
      sex: "FEMALE",
      ageBand: "AGE_15_17",
      nationality: "LT",
      targetGroups: ["TRAFFICKED"],
      riskFactors: "Recruited through an online job offer.",
      familyContacts: "Mother, Kaunas district.",
    },
    response: {
      decision: "ACCEPTED",
      familyTracing: { outcome: "FAMILY_FOUND", summary: "Mother traced and willing to receive her." },
      riskAssessment: {
        completedOn: new Date(Date.now() - 240 * day),
        returnInBestInterests: true,
        summary: "Family safe.",
      },
      returnPlan: {
        plannedDate: new Date(Date.now() - 210 * day),
        receivingPlacement: "Family home",
        escort: "NCP officer",
      },
      reintegrationSupport: [{ kind: "PSYCHOLOGICAL", description: "Weekly trauma therapy" }],
    },
    // Received seven months ago: the 6-month follow-up is overdue, so Lithuania's attention lists it.
    events: [
      { by: "from", kind: "HANDED_OVER", daysAgo: 210, notes: "Handed over at Vilnius airport." },
      { by: "to", kind: "RECEIVED", daysAgo: 210, notes: "Received by the NCP and the mother." },
      { by: "to", kind: "FOLLOW_UP_3_MONTHS", daysAgo: 115, notes: "Attending school; therapy continues." },
    ],
  },
  {
    // Not safe to return: age disputed, reflection period running, no guardian, views not heard, and the
    // receiver's assessment found return not in her best interests. Case.returnReadiness lists all of it.
    key: "demo-se-lt-not-safe",
    from: "SE",
    to: "LT",
    purpose: "SAFE_RETURN",
    urgency: "URGENT",
    daysAgo: 10,
    status: "SENT",
    child: {
      targetGroups: ["TRAFFICKED", "UNDOCUMENTED"],
      exploitationForms: ["SEXUAL"],
      sex: "FEMALE",
      ageBand: "PRESUMED_CHILD",
      nationality: "LT",
      stage: "RETURN_PREPARATION",
      reflectionPeriodEndsOn: new Date(Date.now() + 40 * day),
    },
    profile: {
      givenName: "Demo",
      familyName: "Child-Three",
      sex: "FEMALE",
      birthYear: 2010,
      nationality: "LT",
      targetGroups: ["TRAFFICKED", "UNDOCUMENTED"],
      careNeeds: "Specialised shelter; trauma care.",
      ageDisputed: true,
    },
    response: {
      decision: "ACCEPTED",
      riskAssessment: {
        completedOn: new Date(Date.now() - 3 * day),
        returnInBestInterests: false,
        summary: "The recruiter is a relative; return is not safe.",
      },
    },
  },
  {
    key: "demo-de-pl-tracing",
    from: "DE",
    to: "PL",
    purpose: "FAMILY_TRACING",
    urgency: "NORMAL",
    daysAgo: 20,
    status: "SENT",
    child: {
      targetGroups: ["UNACCOMPANIED_ASYLUM_SEEKING"],
      sex: "MALE",
      birthYear: 2012,
      ageBand: "AGE_12_14",
      nationality: "UA",
      stage: "IN_CARE",
    },
    profile: {
      givenName: "Demo",
      familyName: "Child-One",
      sex: "MALE",
      nationality: "UA",
      familyContacts: "Uncle believed to live near Lublin.",
      languages: ["uk", "pl"],
    },
    response: {
      decision: "ACKNOWLEDGED",
      familyTracing: { outcome: "IN_PROGRESS", summary: "Police in Lublin contacted." },
    },
  },
  {
    key: "demo-fi-ee-care",
    from: "FI",
    to: "EE",
    purpose: "CARE_CONTINUATION",
    urgency: "URGENT",
    daysAgo: 3,
    status: "SENT",
    child: {
      targetGroups: ["EXPLOITED_OR_AT_RISK"],
      sex: "FEMALE",
      birthYear: 2010,
      ageBand: "AGE_15_17",
      nationality: "EE",
      stage: "ASSESSMENT",
    },
    profile: {
      sex: "FEMALE",
      ageBand: "AGE_15_17",
      targetGroups: ["EXPLOITED_OR_AT_RISK"],
      careNeeds: "Needs a secure placement.",
    },
  },
  {
    key: "demo-no-lv-identity",
    from: "NO",
    to: "LV",
    purpose: "IDENTITY_VERIFICATION",
    urgency: "NORMAL",
    daysAgo: 40,
    status: "SENT",
    child: {
      targetGroups: ["UNDOCUMENTED"],
      sex: "MALE",
      birthYear: 2009,
      ageBand: "PRESUMED_CHILD",
      nationality: "LV",
      stage: "ASSESSMENT",
    },
    profile: {
      givenName: "Demo",
      familyName: "Child-Two",
      birthYear: 2009,
      nationality: "LV",
      identityDocuments: "Copy of an expired passport.",
    },
    response: { decision: "DECLINED", declineReason: "No record of this person in the population register." },
  },
  {
    key: "demo-dk-se-question",
    from: "DK",
    to: "SE",
    purpose: "INFORMATION_REQUEST",
    urgency: "NORMAL",
    daysAgo: 90,
    status: "CLOSED",
    child: {
      targetGroups: ["UNACCOMPANIED_ASYLUM_SEEKING"],
      sex: "MALE",
      birthYear: 2013,
      ageBand: "AGE_12_14",
      nationality: "AF",
      stage: "IN_CARE",
    },
    profile: {
      question: "Was this child registered in Sweden before arriving in Denmark?",
      ageBand: "AGE_12_14",
    },
    response: { decision: "ACCEPTED" },
  },
];

async function withStore<T>(uri: string, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openCountryStore(uri);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Seeds the demo referrals whose sender and receiver are both reachable; returns how many were new. */
export async function seedDemoReferrals(mongoUri: (country: CountryEntry) => string): Promise<number> {
  let seeded = 0;
  // Demo referrals keep the older numbered form of id (SE-2026-000001, ...), so that the README's examples
  // can name them; a referral sent through the API gets a time-and-random id (ids.ts).
  const numbered = new Map<string, number>();
  for (const demo of DEMO_REFERRALS) {
    const from = findCountry(demo.from)!;
    const to = findCountry(demo.to)!;
    if (!from.enabled || !to.enabled) continue;
    const sentAt = new Date(Date.now() - demo.daysAgo * day);
    const series = `${from.code}-${sentAt.getUTCFullYear()}`;
    numbered.set(series, (numbered.get(series) ?? 0) + 1);
    const id = `${series}-${String(numbered.get(series)).padStart(6, "0")}`;

    const referralId = await withStore(mongoUri(from), async (store) => {
      const existing = await store.Referral.findOne({ idempotencyKey: demo.key }).lean<{ _id: string }>();
      if (existing) return undefined;
      const kase = await store.Case.create({
        ...demo.child,
        ageDisputed: demo.child.ageBand === "PRESUMED_CHILD",
        identifiedOn: sentAt,
        needs: [],
      });
      await applyCaseCounts(store.CaseCount, caseCountChanges(null, kase.toObject()));
      const hours = demo.urgency === "URGENT" ? 48 : 168;
      const history = [{ at: sentAt, status: "SENT", by: "demo-seed" }];
      if (demo.status !== "SENT") history.push({ at: new Date(), status: demo.status, by: "demo-seed" });
      await store.Referral.create({
        _id: id,
        caseId: kase._id,
        from: from.code,
        to: to.code,
        purpose: demo.purpose,
        urgency: demo.urgency,
        profile: demo.profile,
        status: demo.status,
        sentAt,
        caseIdentifiedOn: kase.identifiedOn,
        acknowledgementDueAt: new Date(sentAt.getTime() + hours * 3_600_000),
        history,
        ...(demo.status !== "SENT" ? { endedAt: history.at(-1)!.at } : {}),
        idempotencyKey: demo.key,
        payloadHash: payloadHash({
          caseId: kase._id.toHexString(),
          to: to.code,
          purpose: demo.purpose,
          urgency: demo.urgency,
          profile: demo.profile,
        }),
        version: history.length,
      });
      return id;
    });
    if (!referralId) continue;
    seeded++;

    const writeEvents = (store: Store, side: "from" | "to") =>
      Promise.all(
        (demo.events ?? [])
          .filter((e) => e.by === side)
          .map((e, i) => {
            const occurredAt = new Date(Date.now() - e.daysAgo * day);
            // The same key and payload shape as an officer's recordReturnEvent: a retry replays.
            return writeOnce({
              model: store.ReturnEvent,
              key: `${demo.key}:${side}:${i}`,
              payload: { referralId, kind: e.kind, occurredAt, notes: e.notes },
              conflict: () => "demo return event seeded twice with different content",
              create: async (hash) =>
                (
                  await store.ReturnEvent.create({
                    referralId,
                    sender: from.code,
                    receiver: to.code,
                    recordedBy: side === "from" ? from.code : to.code,
                    kind: e.kind,
                    occurredAt,
                    notes: e.notes,
                    idempotencyKey: `${demo.key}:${side}:${i}`,
                    payloadHash: hash,
                  })
                ).toObject(),
            });
          }),
      );
    await withStore(mongoUri(from), (store) => writeEvents(store, "from"));
    await withStore(mongoUri(to), async (store) => {
      if (demo.response) {
        await store.Response.create({
          _id: referralId,
          from: from.code,
          reintegrationSupport: [],
          ...demo.response,
          firstRespondedAt: new Date(sentAt.getTime() + day),
          referralSentAt: sentAt,
          acceptedAt: demo.response.decision === "ACCEPTED" ? new Date(sentAt.getTime() + 2 * day) : null,
          version: 1,
        });
      }
      await writeEvents(store, "to");
    });
  }
  return seeded;
}
