import { createHash } from "node:crypto";
import { Types } from "mongoose";
import { CountryEntry } from "#schema/countries";
import { ENABLED_COUNTRIES } from "#schema/registry";
import { AgeBand, CaseStage, Sex, TargetGroup } from "../../subgraphs/national/src/modules/case/case.enums";
import {
  ReferralPurpose,
  ReferralStatus,
  Urgency,
} from "../../subgraphs/national/src/modules/referral/referral.enums";
import { Decision } from "../../subgraphs/national/src/modules/response/response.enums";
import { ReturnEventKind } from "../../subgraphs/national/src/modules/return-event/return-event.enums";
import { rebuildCaseCounts } from "../../subgraphs/national/src/modules/case/case-counts";
import { Store } from "../../subgraphs/national/src/store";
import { isDuplicateKeyError } from "#core";

/**
 * Bulk, deterministic caseload for one country's store, for benchmarks at realistic sizes: case number i
 * is always the same child, so a run can stop and resume, and a store can be topped up from 10 000 to
 * 1 000 000 cases. Per 10 cases: one referral sent (to another country), one answer given to another
 * country's referral, and their return steps. Identification dates spread over the five years up to now.
 * Ids never collide with what officers create: ObjectIds carry a country tag and the record number, and
 * referral numbers start at 500 000 in their year.
 */

const BATCH = 5_000;
const MARKER = "scale-seed";
const YEARS = 5;
const DAY = 86_400_000;

export interface ScaleProgress {
  done: number;
  target: number;
}

/** A small deterministic generator per (country, record number). */
function randomFor(country: string, i: number) {
  let state = parseInt(createHash("sha1").update(`${country}:${i}`).digest("hex").slice(0, 8), 16) || 1;
  return () => {
    // xorshift32
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

const weighted = <T>(random: () => number, choices: ReadonlyArray<readonly [T, number]>): T => {
  let r = random() * choices.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, weight] of choices) if ((r -= weight) < 0) return value;
  return choices[choices.length - 1][0];
};

/** An ObjectId whose time part is `at`, like one made then, and whose rest is the record number. */
function objectIdAt(at: Date, country: string, i: number): Types.ObjectId {
  const seconds = Math.floor(at.getTime() / 1000)
    .toString(16)
    .padStart(8, "0");
  const tag = createHash("sha1").update(country).digest("hex").slice(0, 4);
  return new Types.ObjectId(`${seconds}${tag}${i.toString(16).padStart(12, "0")}`);
}

function scaleCase(country: CountryEntry, i: number, now: Date) {
  const random = randomFor(country.code, i);
  const identifiedOn = new Date(now.getTime() - Math.floor(random() * YEARS * 365) * DAY);
  identifiedOn.setUTCHours(0, 0, 0, 0);
  const targetGroup = weighted(random, [
    [TargetGroup.UNACCOMPANIED_ASYLUM_SEEKING, 55],
    [TargetGroup.TRAFFICKED, 10],
    [TargetGroup.EXPLOITED_OR_AT_RISK, 15],
    [TargetGroup.UNDOCUMENTED, 20],
  ]);
  const age = 2 + Math.floor(random() * 16);
  const ageDisputed = age >= 15 && random() < 0.2;
  const ageBand = ageDisputed
    ? AgeBand.PRESUMED_CHILD
    : age < 6
      ? AgeBand.UNDER_6
      : age < 12
        ? AgeBand.AGE_6_11
        : age < 15
          ? AgeBand.AGE_12_14
          : AgeBand.AGE_15_17;
  const others = ENABLED_COUNTRIES.map((c) => c.code).filter((c) => c !== country.code);
  const nationality = weighted<string | undefined>(random, [
    ["AF", 20],
    ["SY", 15],
    ["UA", 15],
    ["VN", 5],
    ["ER", 5],
    [others[Math.floor(random() * others.length)], 30],
    [undefined, 10],
  ]);
  return {
    _id: objectIdAt(identifiedOn, country.code, i),
    targetGroups: [targetGroup],
    sex: weighted(random, [
      [Sex.MALE, 62],
      [Sex.FEMALE, 35],
      [Sex.OTHER, 1],
      [Sex.UNKNOWN, 2],
    ]),
    birthYear: ageDisputed ? undefined : identifiedOn.getUTCFullYear() - age,
    ageBand,
    ageDisputed,
    nationality,
    identifiedOn,
    stage: weighted(random, [
      [CaseStage.IDENTIFIED, 5],
      [CaseStage.ASSESSMENT, 10],
      [CaseStage.IN_CARE, 35],
      [CaseStage.RETURN_PREPARATION, 5],
      [CaseStage.RETURNED, 10],
      [CaseStage.LOCAL_SOLUTION, 20],
      [CaseStage.MISSING, 5],
      [CaseStage.CLOSED, 10],
    ]),
    carePlacement: random() < 0.7 ? "Reception centre for minors" : undefined,
    needs: random() < 0.5 ? ["psychological support"] : [],
    version: 1,
    createdAt: identifiedOn,
    updatedAt: identifiedOn,
  };
}

/** The referral, the answer and the return steps that go with every tenth case. */
function scaleExchange(country: CountryEntry, i: number, child: ReturnType<typeof scaleCase>, now: Date) {
  const random = randomFor(`${country.code}:exchange`, i);
  const others = ENABLED_COUNTRIES.filter((c) => c.code !== country.code).map((c) => c.code);
  const to = others[Math.floor(random() * others.length)];
  const sentAt = new Date(Math.min(now.getTime(), child.identifiedOn.getTime() + (1 + random() * 30) * DAY));
  const year = sentAt.getUTCFullYear();
  // Scale referrals keep the older numbered form of id, from 500 000 in their year: never an officer's own.
  const number = String(500_000 + i / 10).padStart(6, "0");
  const referralId = `${country.code}-${year}-${number}`;
  const purpose = weighted(random, [
    [ReferralPurpose.FAMILY_TRACING, 30],
    [ReferralPurpose.RISK_ASSESSMENT, 25],
    [ReferralPurpose.SAFE_RETURN, 15],
    [ReferralPurpose.CARE_CONTINUATION, 10],
    [ReferralPurpose.INFORMATION_REQUEST, 10],
    [ReferralPurpose.IDENTITY_VERIFICATION, 10],
  ]);
  const status = weighted(random, [
    [ReferralStatus.SENT, 60],
    [ReferralStatus.CLOSED, 35],
    [ReferralStatus.WITHDRAWN, 5],
  ]);
  const referral = {
    _id: referralId,
    caseId: child._id,
    from: country.code,
    to,
    purpose,
    urgency: random() < 0.2 ? Urgency.URGENT : Urgency.NORMAL,
    profile: { sex: child.sex, ageBand: child.ageBand, targetGroups: child.targetGroups },
    status,
    sentAt,
    caseIdentifiedOn: child.identifiedOn,
    acknowledgementDueAt: new Date(sentAt.getTime() + 7 * DAY),
    history: [{ at: sentAt, status: ReferralStatus.SENT, by: "scale-seed" }],
    // An ended referral ended about two months after it was sent; retention counts from then.
    ...(status === ReferralStatus.SENT
      ? {}
      : { endedAt: new Date(Math.min(now.getTime(), sentAt.getTime() + 60 * DAY)) }),
    idempotencyKey: `scale-seed-${referralId}`,
    payloadHash: "scale-seed",
    version: 1,
    createdAt: sentAt,
    updatedAt: sentAt,
  };

  // This country's answer to a referral another country sent it: only the answer lives here.
  const from = others[Math.floor(random() * others.length)];
  const theirSentAt = new Date(sentAt.getTime() - random() * 20 * DAY);
  const answeredAt = new Date(Math.min(now.getTime(), theirSentAt.getTime() + (1 + random() * 40) * DAY));
  const decision = weighted(random, [
    [Decision.ACKNOWLEDGED, 20],
    [Decision.ACCEPTED, 50],
    [Decision.DECLINED, 15],
    [Decision.INFORMATION_REQUESTED, 15],
  ]);
  const assessed = decision === Decision.ACCEPTED && random() < 0.8;
  const answerId = `${from}-${theirSentAt.getUTCFullYear()}-${number}`;
  const response = {
    _id: answerId,
    from,
    decision,
    declineReason: decision === Decision.DECLINED ? "Outside the purpose of the Plan" : undefined,
    riskAssessment: assessed
      ? {
          completedOn: answeredAt,
          returnInBestInterests: random() < 0.6,
          summary: "Assessed by social services",
        }
      : null,
    firstRespondedAt: answeredAt,
    referralSentAt: theirSentAt,
    acceptedAt: decision === Decision.ACCEPTED ? answeredAt : undefined,
    version: 1,
    createdAt: answeredAt,
    updatedAt: answeredAt,
  };
  const events = [];
  if (assessed && response.riskAssessment!.returnInBestInterests) {
    const received = new Date(Math.min(now.getTime(), answeredAt.getTime() + (5 + random() * 60) * DAY));
    events.push(
      { kind: ReturnEventKind.RECEIVED, occurredAt: received },
      {
        kind: ReturnEventKind.SUPPORT_STARTED,
        occurredAt: new Date(Math.min(now.getTime(), received.getTime() + 7 * DAY)),
      },
    );
  }
  return {
    referral,
    response,
    events: events.map((event, n) => ({
      _id: objectIdAt(event.occurredAt, `${country.code}:event`, i * 2 + n),
      referralId: answerId,
      sender: from,
      receiver: country.code,
      recordedBy: country.code,
      ...event,
      idempotencyKey: `scale-seed-${answerId}-${n}`,
      payloadHash: "scale-seed",
      recordedAt: event.occurredAt,
    })),
  };
}

/** Inserts, treating documents already there (a resumed batch) as done. */
async function insertAll(
  model: Store["Case"] | Store["Referral"] | Store["Response"] | Store["ReturnEvent"],
  docs: object[],
) {
  if (!docs.length) return;
  try {
    await model.collection.insertMany(docs as any[], { ordered: false });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}

/**
 * Fills `store` up to `target` scale cases (and their exchanges), resuming where an earlier run stopped.
 * Returns how many cases the store held before.
 */
export async function seedScale(
  store: Store,
  country: CountryEntry,
  target: number,
  onProgress: (progress: ScaleProgress) => void = () => undefined,
  now = new Date(),
): Promise<number> {
  const marker = await store.Meta.findById(MARKER).lean<{ value: { done: number; now: Date } }>();
  // The clock of the first run, so resumed and topped-up runs make the same records.
  const clock = marker?.value.now ? new Date(marker.value.now) : now;
  const before = marker?.value.done ?? 0;
  let done = before;
  onProgress({ done, target });
  while (done < target) {
    const end = Math.min(target, done + BATCH);
    const cases = [];
    const referrals = [];
    const responses = [];
    const events = [];
    for (let i = done; i < end; i++) {
      const child = scaleCase(country, i, clock);
      cases.push(child);
      if (i % 10 === 0) {
        const exchange = scaleExchange(country, i, child, clock);
        referrals.push(exchange.referral);
        responses.push(exchange.response);
        events.push(...exchange.events);
      }
    }
    await insertAll(store.Case, cases);
    await insertAll(store.Referral, referrals);
    await insertAll(store.Response, responses);
    await insertAll(store.ReturnEvent, events);
    done = end;
    await store.Meta.updateOne({ _id: MARKER }, { $set: { value: { done, now: clock } } }, { upsert: true });
    onProgress({ done, target });
  }
  // Counted once at the end rather than per batch, so that a resumed batch is never counted twice.
  if (done > before || !marker) await rebuildCaseCounts(store);
  return before;
}

/** A one-line progress bar for a terminal: `[#####.....]  50%  500,000 / 1,000,000 cases  48,210/s`. */
function progressLine({ done, target }: ScaleProgress, startedAt: number, startedFrom: number): string {
  const width = 30;
  const filled = target ? Math.round((done / target) * width) : width;
  const rate = (done - startedFrom) / Math.max(0.001, (Date.now() - startedAt) / 1000);
  const n = (x: number) => x.toLocaleString("en");
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(Math.floor((done / (target || 1)) * 100)).padStart(3)}%  ${n(done)} / ${n(target)} cases  ${n(Math.round(rate))}/s`;
}

/** Reports seeding progress: a redrawn bar on a terminal, a line every few seconds in a log. */
export function progressReporter(): (progress: ScaleProgress) => void {
  const startedAt = Date.now();
  let from: number | undefined;
  let lastLine = 0;
  return (progress) => {
    from ??= progress.done;
    const line = progressLine(progress, startedAt, from);
    const finished = progress.done >= progress.target;
    if (process.stdout.isTTY) process.stdout.write(`\r${line}${finished ? "\n" : ""}`);
    else if (finished || Date.now() - lastLine > 5_000) {
      console.log(line);
      lastLine = Date.now();
    }
  };
}
