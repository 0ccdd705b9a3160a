import mongoose, { Connection } from "mongoose";
import { LoaderSources, ModuleParts } from "../../context.type";
import { byParent } from "../by-ids";
import { ReturnEventRecord, returnEventSchema } from "./return-event.model";

const models = (connection: Connection) => ({
  ReturnEvent: connection.model("ReturnEvent", returnEventSchema),
});

const loaders = ({ store }: LoaderSources) => ({
  /** Each referral's return events, in the order they happened. */
  eventsByReferral: byParent<ReturnEventRecord>(
    (referralIds) =>
      store.ReturnEvent.find({ referralId: mongoose.trusted({ $in: referralIds }) })
        .sort({ occurredAt: 1, _id: 1 })
        .lean<ReturnEventRecord[]>()
        .exec(),
    (e) => e.referralId,
  ),
});

declare module "../../store" {
  interface StoreParts extends ReturnType<typeof models> {}
}
declare module "../../context.type" {
  interface Loaders extends ReturnType<typeof loaders> {}
}

/** The timeline of a referral's return. */
export const returnEventParts = { store: models, loaders } satisfies ModuleParts;
