import { countryRef } from "../country-ref";
import { orUndefined } from "../optional";
import { ReturnEventRecord } from "./return-event.model";
import { ReturnEvent } from "./return-event.type";

/** A stored return event as the GraphQL object. */
export function toReturnEvent(doc: ReturnEventRecord): ReturnEvent {
  return {
    id: doc._id.toHexString(),
    referralId: doc.referralId,
    kind: doc.kind as ReturnEvent["kind"],
    occurredAt: doc.occurredAt,
    recordedAt: doc.recordedAt,
    recordedBy: countryRef(doc.recordedBy),
    notes: orUndefined(doc.notes),
    corrects: doc.corrects?.toHexString(),
  };
}
