import { randomBytes } from "node:crypto";
import mongoose from "mongoose";
import { BadUserInputError, isProduction, NotFoundError } from "#core";
import { Context } from "../../context.type";
import { assertPageSize } from "../pagination";
import { refusedUrl } from "./webhook-address";
import { WebhookDeliveryRecord, WebhookRecord } from "./webhook.model";
import { Webhook, WebhookDelivery, WebhookRegistration } from "./webhook.type";

export const MAX_WEBHOOKS = 10;
export const MAX_DELIVERIES = 100;

const toWebhook = (record: WebhookRecord): Webhook => ({
  id: String(record._id),
  url: record.url,
  createdAt: record.createdAt,
});

/** The webhook's address, as `refusedUrl` allows it. */
function checkedUrl(raw: string): string {
  if (raw.length > 2_000) throw new BadUserInputError("is longer than 2000 characters", "url");
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new BadUserInputError("is not an absolute URL such as https://cases.example/doorbells", "url");
  }
  const refused = refusedUrl(url, isProduction());
  if (refused) throw new BadUserInputError(refused, "url");
  return url.toString();
}

export async function registerWebhook(ctx: Context, url: string): Promise<WebhookRegistration> {
  const principal = ctx.principal();
  const address = checkedUrl(url);
  if ((await ctx.store.Webhook.countDocuments()) >= MAX_WEBHOOKS) {
    throw new BadUserInputError(
      `${ctx.country.name} has ${MAX_WEBHOOKS} webhooks already; remove one first`,
      "url",
    );
  }
  const secret = `whsec_${randomBytes(32).toString("base64")}`;
  const created = await ctx.store.Webhook.create({
    url: address,
    secret,
    createdAt: new Date(),
    createdBy: principal.subject,
  });
  ctx.audit.nameCreated(String(created._id));
  return { webhook: toWebhook(created.toObject() as WebhookRecord), secret };
}

export async function removeWebhook(ctx: Context, id: string): Promise<string> {
  if (!mongoose.isValidObjectId(id)) throw new BadUserInputError("is not a webhook id", "id");
  const removed = await ctx.store.Webhook.findByIdAndDelete(id).lean();
  if (!removed) throw new NotFoundError(`No webhook '${id}' in ${ctx.country.name}.`);
  return id;
}

export async function listWebhooks(ctx: Context): Promise<Webhook[]> {
  const records = await ctx.store.Webhook.find().sort({ createdAt: 1 }).lean<WebhookRecord[]>();
  return records.map(toWebhook);
}

/** A webhook's deliveries, newest first, each with its attempts. */
export async function deliveriesOf(
  ctx: Context,
  webhookId: string,
  first: number,
): Promise<WebhookDelivery[]> {
  assertPageSize(first, MAX_DELIVERIES);
  const records = await ctx.store.WebhookDelivery.find({ webhookId })
    .sort({ createdAt: -1 })
    .limit(first)
    .lean<WebhookDeliveryRecord[]>();
  return records.map((record) => ({
    id: record._id,
    event: record.event,
    referralId: record.referralId,
    attempts: record.attempts,
    deliveredAt: record.deliveredAt ?? null,
    gaveUpAt: record.gaveUpAt ?? null,
    nextAttemptAt: record.deliveredAt || record.gaveUpAt ? null : record.nextAttemptAt,
    lastError: record.lastError,
    log: record.log,
  }));
}
