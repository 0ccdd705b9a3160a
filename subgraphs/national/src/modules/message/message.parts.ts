import mongoose, { Connection } from "mongoose";
import { LoaderSources, ModuleParts } from "../../context.type";
import { byParent } from "../by-ids";
import { MessageRecord, messageSchema } from "./message.model";

const models = (connection: Connection) => ({ Message: connection.model("Message", messageSchema) });

const loaders = ({ store }: LoaderSources) => ({
  /** Each referral's messages, in the order they were sent. */
  messagesByReferral: byParent<MessageRecord>(
    (referralIds) =>
      store.Message.find({ referralId: mongoose.trusted({ $in: referralIds }) })
        .sort({ sentAt: 1, _id: 1 })
        .lean<MessageRecord[]>()
        .exec(),
    (m) => m.referralId,
  ),
});

declare module "../../store" {
  interface StoreParts extends ReturnType<typeof models> {}
}
declare module "../../context.type" {
  interface Loaders extends ReturnType<typeof loaders> {}
}

/** The conversation on a referral. */
export const messageParts = { store: models, loaders } satisfies ModuleParts;
