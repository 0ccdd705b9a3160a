import DataLoader from "dataloader";
import mongoose, { Types } from "mongoose";
import { CaseRecord } from "./modules/case/case.model";
import { ContactPointRecord, toContactPoint } from "./modules/contact-point/contact-point.model";
import { ContactPoint } from "./modules/contact-point/contact-point.type";
import { createCounterpartLoader } from "./modules/counterpart/counterpart.loader";
import { ReferralRecord } from "./modules/referral/referral.model";
import { ResponseRecord } from "./modules/response/response.model";
import { ReturnEventRecord } from "./modules/return-event/return-event.model";
import { MessageRecord } from "./modules/message/message.model";
import { Caller, FederationClient } from "./federation-client";
import { Store } from "./store";

/**
 * Per-request loaders: every load by key is batched into one `$in` query (or one request per counterpart
 * country) and cached for this request only, never across callers.
 */
export function createLoaders(
  store: Store,
  federation: FederationClient,
  /** The caller's token and proof, for what is asked of other countries on its behalf. */
  caller: Caller,
  /** When the caller stops waiting: what is asked of other countries for it is bounded by it too. */
  deadline: number,
) {
  const byIds = <R extends { _id: unknown }>(
    model: mongoose.Model<any>,
    toId: (key: string) => unknown,
    keyOf: (record: R) => string,
  ) =>
    new DataLoader<string, R | null>(async (keys) => {
      const records = await model.find({ _id: mongoose.trusted({ $in: keys.map(toId) }) }).lean<R[]>();
      const byKey = new Map(records.map((r) => [keyOf(r), r]));
      return keys.map((key) => byKey.get(key) ?? null);
    });

  return {
    /** The contact points of this country, keyed by country code (one store, so one query per request). */
    contactPointsByCountry: new DataLoader<string, ContactPoint[]>(async (codes) => {
      const docs = await store.contactPoints.get(() =>
        store.ContactPoint.find()
          .sort({ organisation: 1, unit: 1, _id: 1 })
          .lean<ContactPointRecord[]>()
          .exec(),
      );
      const contactPoints = docs.map(toContactPoint);
      return codes.map(() => contactPoints);
    }),
    cases: byIds<CaseRecord>(
      store.Case,
      (id) => new Types.ObjectId(id),
      (r) => r._id.toHexString(),
    ),
    referrals: byIds<ReferralRecord>(
      store.Referral,
      (id) => id,
      (r) => r._id,
    ),
    /** The referrals this country sent for each case, newest first (the return gate's candidates). */
    referralsByCase: new DataLoader<string, ReferralRecord[]>(async (caseIds) => {
      const referrals = await store.Referral.find({
        caseId: mongoose.trusted({ $in: caseIds.map((id) => new Types.ObjectId(id)) }),
      })
        .sort({ caseId: 1, _id: -1 })
        .lean<ReferralRecord[]>();
      return caseIds.map((id) => referrals.filter((r) => r.caseId.toHexString() === id));
    }),
    responses: byIds<ResponseRecord>(
      store.Response,
      (id) => id,
      (r) => r._id,
    ),
    eventsByReferral: new DataLoader<string, ReturnEventRecord[]>(async (referralIds) => {
      const events = await store.ReturnEvent.find({ referralId: mongoose.trusted({ $in: referralIds }) })
        .sort({ occurredAt: 1, _id: 1 })
        .lean<ReturnEventRecord[]>();
      return referralIds.map((id) => events.filter((e) => e.referralId === id));
    }),
    messagesByReferral: new DataLoader<string, MessageRecord[]>(async (referralIds) => {
      const messages = await store.Message.find({ referralId: mongoose.trusted({ $in: referralIds }) })
        .sort({ sentAt: 1, _id: 1 })
        .lean<MessageRecord[]>();
      return referralIds.map((id) => messages.filter((m) => m.referralId === id));
    }),
    /** What the other party of each referral holds, one gateway request per counterpart country. */
    counterpartRecords: createCounterpartLoader(federation, caller, deadline),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
