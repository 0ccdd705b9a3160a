import { Connection } from "mongoose";
import { RateLimiter } from "#core";
import { ModuleParts } from "../../context.type";
import { Doorbells } from "./doorbells";
import { notificationSchema, outboxSchema } from "./notification.model";
import { webhookDeliverySchema, webhookSchema } from "./webhook.model";
import { Webhooks } from "./webhooks";

const models = (connection: Connection) => ({
  DoorbellOutbox: connection.model("DoorbellOutbox", outboxSchema),
  Notification: connection.model("Notification", notificationSchema),
  Webhook: connection.model("Webhook", webhookSchema),
  WebhookDelivery: connection.model("WebhookDelivery", webhookDeliverySchema),
});

declare module "../../store" {
  interface StoreParts extends ReturnType<typeof models> {}
}
declare module "../../context.type" {
  interface Services {
    /** Tells the other country of a referral that something changed on it (the outbox). */
    readonly doorbells: Doorbells;
    /** Passes received doorbells on to the country's national systems' webhooks. */
    readonly webhooks: Webhooks;
    /** Doorbells received, per ringing country. */
    readonly ringLimit: RateLimiter;
  }
}

/** Doorbells out and in, and the webhooks they are passed on to. */
export const notificationParts = { store: models } satisfies ModuleParts;
