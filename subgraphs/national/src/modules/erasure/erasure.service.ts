import { findCountry, mutationNamespace } from "#schema/registry";
import { NotFoundError, StaleVersionError } from "#core";
import { Context } from "../../context.type";
import { FederationClient } from "../../federation-client";
import { Store } from "../../store";
import { parseReferralId } from "../ids";
import { ProfileField } from "../referral/child-profile.rules";
import { erasureMark } from "../referral/erased";
import { referralParties, refuseNonParty } from "../referral/referral-parties";
import { toReferral } from "../referral/referral.mapper";
import { ReferralRecord } from "../referral/referral.model";
import { Referral } from "../referral/referral.type";
import { ResponseRecord } from "../response/response.model";

/** What stays of a child profile after erasure: the facts the statistics count, nothing that names the child. */
export const KEPT_AFTER_ERASURE: readonly ProfileField[] = [
  "sex",
  "ageBand",
  "ageDisputed",
  "nationality",
  "targetGroups",
];

/** Replaces the fingerprint of an erased payload: a hash of a name and a birth year could be guessed back. */
const ERASED = "erased";

/**
 * Erases the free text a country holds about a referral it is party to: the bodies of the messages it
 * wrote, the notes of the events it recorded, and, as receiver, its response's reasons, summaries and
 * arrangements. Ids, dates, decisions and kinds stay: the deadlines, the timeline and the statistics
 * still read them.
 */
export async function eraseHeldText(store: Store, referralId: string, at: Date): Promise<void> {
  await store.Message.collection.updateMany({ referralId }, { $set: { body: "", payloadHash: ERASED } });
  await store.ReturnEvent.collection.updateMany(
    { referralId },
    { $unset: { notes: "" }, $set: { payloadHash: ERASED } },
  );
  const response = await store.Response.findById(referralId).lean<ResponseRecord>();
  if (!response) return;
  const without = <T extends object | null | undefined>(record: T, ...fields: string[]) =>
    record && Object.fromEntries(Object.entries(record).filter(([field]) => !fields.includes(field)));
  await store.Response.collection.updateOne(
    { _id: referralId as any },
    {
      $set: {
        familyTracing: without(response.familyTracing, "summary"),
        riskAssessment: without(response.riskAssessment, "summary"),
        returnPlan: without(response.returnPlan, "receivingPlacement", "escort"),
        reintegrationSupport: response.reintegrationSupport.map((s) => without(s, "description")),
        erasedAt: at,
      },
      $unset: { declineReason: "" },
      // A response read before the erasure can no longer be written over it: its version is stale.
      $inc: { version: 1 },
    },
  );
}

/**
 * The sender erases a referral's profile down to KEPT_AFTER_ERASURE, the notes of its history and its own
 * free text about it, and marks the receiver's copies as still to be erased. Erasing twice changes nothing.
 */
export async function eraseAtSender(
  store: Store,
  record: ReferralRecord,
  reason: string,
): Promise<ReferralRecord> {
  let current: ReferralRecord | null = record;
  // Guarded by version, so a status change made meanwhile is kept: read again and erase that.
  for (let attempt = 0; current && attempt < 5; attempt++) {
    if (current.erasedAt) {
      await eraseHeldText(store, current._id, current.erasedAt); // finishes an erasure cut short
      return current;
    }
    const at = new Date();
    const { profile } = current;
    const erased = await store.Referral.findOneAndUpdate(
      { _id: current._id, version: current.version, erasedAt: null },
      {
        $set: {
          profile: Object.fromEntries(
            KEPT_AFTER_ERASURE.filter((f) => profile[f] !== undefined).map((f) => [f, profile[f]]),
          ),
          history: current.history.map(({ at: when, status, by }) => ({ at: when, status, by })),
          payloadHash: ERASED,
          erasedAt: at,
          erasureReason: reason,
          receiverErasurePending: true,
        },
        $inc: { version: 1 },
      },
      { new: true },
    ).lean<ReferralRecord>();
    if (erased) {
      await eraseHeldText(store, erased._id, at);
      return erased;
    }
    current = await store.Referral.findById(record._id).lean<ReferralRecord>();
  }
  throw new StaleVersionError(`Referral '${record._id}'`, record.version);
}

/**
 * Asks the receiver, through the gateway as this country's service identity, to erase its copies; the
 * receiver checks with this country that the profile was erased before it erases anything. Returns whether
 * the receiver confirmed; until it does, the retention sweep asks again.
 */
export async function notifyReceiver(store: Store, federation: FederationClient, record: ReferralRecord) {
  const receiver = findCountry(record.to)!;
  const namespace = mutationNamespace(receiver);
  const result = await federation.asService<Record<string, { eraseReferralCopies: { erased: boolean } }>>(
    receiver,
    `mutation EraseReferralCopies($id: ID!) { ${namespace} { eraseReferralCopies(referralId: $id) { erased } } }`,
    { id: record._id },
    "referrals:erase",
  );
  const confirmed = result[namespace]?.eraseReferralCopies.erased === true;
  if (confirmed) {
    await store.Referral.collection.updateOne(
      { _id: record._id as any },
      { $unset: { receiverErasurePending: "" } },
    );
  }
  return confirmed;
}

/** `eraseReferralProfile`: an officer of the sender erases a profile before its time, with a reason. */
export async function eraseProfile(ctx: Context, id: string, reason: string): Promise<Referral> {
  const { id: referralId, sender } = parseReferralId(id, "id");
  const record = sender === ctx.country.code ? await ctx.loaders.referrals.load(referralId) : null;
  if (!record) throw new NotFoundError(`No referral '${referralId}' sent by ${ctx.country.name}.`);
  const erased = await eraseAtSender(ctx.store, record, reason);
  if (erased.receiverErasurePending) {
    // If the receiver cannot be reached now, the retention sweep asks again until it confirms.
    await notifyReceiver(ctx.store, ctx.federation, erased).catch(() => false);
  }
  return toReferral(erased);
}

/**
 * `eraseReferralCopies`: this country erases what it holds about a referral once, and only once, its
 * sender reports the profile erased. Whoever asks, nothing is erased that the sender has not erased.
 */
export async function eraseCopies(ctx: Context, referralId: string) {
  await refuseNonParty(ctx, "eraseReferralCopies", referralId);
  const parties = await referralParties(ctx, referralId);
  ctx.authorize("eraseReferralCopies", { parties: [parties.from, parties.to], recordIds: [parties.id] });
  if (!parties.erasedAt) return { referralId: parties.id, erased: false };
  // Marked first: a message or event being written meanwhile sees the mark and blanks itself.
  await ctx.store.Meta.collection.updateOne(
    { _id: erasureMark(parties.id) as any },
    { $set: { value: parties.erasedAt } },
    { upsert: true },
  );
  await eraseHeldText(ctx.store, parties.id, new Date());
  return { referralId: parties.id, erased: true, erasedAt: parties.erasedAt };
}
