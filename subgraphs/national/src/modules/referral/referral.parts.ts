import mongoose, { Connection, Types } from "mongoose";
import { LoaderSources, ModuleParts } from "../../context.type";
import { byIds, byParent } from "../by-ids";
import { ReferralRecord, referralSchema } from "./referral.model";

const models = (connection: Connection) => ({ Referral: connection.model("Referral", referralSchema) });

const loaders = ({ store }: LoaderSources) => ({
  referrals: byIds<ReferralRecord>(
    store.Referral,
    (id) => id,
    (r) => r._id,
  ),
  /** The referrals this country sent for each case, newest first (the return gate's candidates). */
  referralsByCase: byParent<ReferralRecord>(
    (caseIds) =>
      store.Referral.find({ caseId: mongoose.trusted({ $in: caseIds.map((id) => new Types.ObjectId(id)) }) })
        .sort({ caseId: 1, _id: -1 })
        .lean<ReferralRecord[]>()
        .exec(),
    (r) => r.caseId.toHexString(),
  ),
});

declare module "../../store" {
  interface StoreParts extends ReturnType<typeof models> {}
}
declare module "../../context.type" {
  interface Loaders extends ReturnType<typeof loaders> {}
}

/** Referrals held by their sender. */
export const referralParts = { store: models, loaders } satisfies ModuleParts;
