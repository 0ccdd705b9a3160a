import { countryRef } from "../country-ref";
import { MessageRecord } from "./message.model";
import { ReferralMessage } from "./message.type";

/** A stored message as the GraphQL object. */
export function toMessage(doc: MessageRecord): ReferralMessage {
  return {
    id: doc._id.toHexString(),
    referralId: doc.referralId,
    writtenBy: countryRef(doc.writtenBy),
    author: doc.author,
    body: doc.body,
    answerTo: doc.answerTo?.toHexString(),
    sentAt: doc.sentAt,
  };
}

/** Messages of both countries in the order they were sent. */
export const inTimeOrder = (messages: ReferralMessage[]) =>
  [...messages].sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime() || a.id.localeCompare(b.id));
