import mongoose from "mongoose";
import { DoorbellEventName } from "./notification.model";
import { Deliverable, DELIVERABLE_FIELDS, indexDue } from "./postman";

/** A national system's webhook: where this country's doorbells are also delivered, signed with `secret`. */
export interface WebhookRecord {
  _id: mongoose.Types.ObjectId;
  url: string;
  /** Standard Webhooks secret (`whsec_` + base64); shown once, when registered. */
  secret: string;
  createdAt: Date;
  createdBy: string;
}

export const webhookSchema = new mongoose.Schema<WebhookRecord>(
  {
    url: { type: String, required: true },
    secret: { type: String, required: true },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
  },
  { collection: "webhooks", versionKey: false },
);

/** One attempt to deliver, as the delivery log shows it. */
export interface WebhookAttemptRecord {
  at: Date;
  status?: number;
  error?: string;
}

/** A doorbell on its way to one webhook: the outbox entry and its delivery log. */
export interface WebhookDeliveryRecord extends Deliverable {
  /** `<webhook id>:<notification id>`: a doorbell is queued once per webhook. */
  _id: string;
  webhookId: string;
  notificationId: string;
  event: DoorbellEventName;
  referralId: string;
  from: string;
  at: Date;
  createdAt: Date;
  log: WebhookAttemptRecord[];
}

export const webhookDeliverySchema = new mongoose.Schema<WebhookDeliveryRecord>(
  {
    _id: String,
    webhookId: { type: String, required: true },
    notificationId: { type: String, required: true },
    event: { type: String, required: true },
    referralId: { type: String, required: true },
    from: { type: String, required: true },
    at: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    ...DELIVERABLE_FIELDS,
    log: [{ _id: false, at: Date, status: Number, error: String }],
  },
  { collection: "webhook_deliveries", versionKey: false },
);
indexDue(webhookDeliverySchema);
webhookDeliverySchema.index({ webhookId: 1, createdAt: -1 });
