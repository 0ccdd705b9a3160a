import mongoose from "mongoose";
import { Deliverable, DELIVERABLE_FIELDS, indexDue } from "./postman";

/** What happened to a referral, as a doorbell tells it: no case data, only that something changed. */
export const DOORBELL_EVENTS = [
  "REFERRAL_SENT",
  "REFERRAL_WITHDRAWN",
  "REFERRAL_CLOSED",
  "RESPONSE_GIVEN",
  "MESSAGE_SENT",
  "RETURN_EVENT_RECORDED",
] as const;
export type DoorbellEventName = (typeof DOORBELL_EVENTS)[number];

/**
 * A doorbell waiting in the writer's outbox until the counterpart has it. `_id` is the doorbell's own id
 * (`<event>:<referral>:<write>`), which the receiver keeps, so a delivery repeated after a lost answer is
 * recognised and ignored.
 */
export interface OutboxRecord extends Deliverable {
  event: DoorbellEventName;
  referralId: string;
  to: string;
  at: Date;
}

export const outboxSchema = new mongoose.Schema<OutboxRecord>(
  {
    _id: String,
    event: { type: String, required: true },
    referralId: { type: String, required: true },
    to: { type: String, required: true },
    at: { type: Date, required: true },
    ...DELIVERABLE_FIELDS,
  },
  { collection: "doorbell_outbox", versionKey: false },
);
indexDue(outboxSchema);

/** A doorbell this country received: its principals read it and mark it read. */
export interface NotificationRecord {
  _id: string;
  event: DoorbellEventName;
  referralId: string;
  from: string;
  at: Date;
  receivedAt: Date;
  readAt?: Date | null;
}

export const notificationSchema = new mongoose.Schema<NotificationRecord>(
  {
    _id: String,
    event: { type: String, required: true },
    referralId: { type: String, required: true },
    from: { type: String, required: true },
    at: { type: Date, required: true },
    receivedAt: { type: Date, required: true },
    readAt: { type: Date, default: null },
  },
  { collection: "notifications", versionKey: false },
);
notificationSchema.index({ readAt: 1, receivedAt: -1 });
notificationSchema.index({ receivedAt: -1 });
