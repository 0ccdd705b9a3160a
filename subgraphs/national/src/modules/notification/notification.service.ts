import mongoose from "mongoose";
import { BadUserInputError } from "#core";
import { Context } from "../../context.type";
import { assertPageSize } from "../pagination";
import { countryRef } from "../country-ref";
import { parseReferralId } from "../ids";
import { NotificationRecord } from "./notification.model";
import { DoorbellInput, DoorbellReceipt, Notification } from "./notification.type";

export const MAX_NOTIFICATIONS = 200;
const MAX_DOORBELL_ID = 100;

const toNotification = (record: NotificationRecord): Notification => ({
  id: record._id,
  event: record.event,
  referralId: record.referralId,
  from: countryRef(record.from),
  at: record.at,
  receivedAt: record.receivedAt,
  readAt: record.readAt ?? null,
});

/**
 * The two countries of a referral that `ringer` holds with this country, or NOT_FOUND; given by the
 * country's assembly, since referrals are a floor above this module.
 */
export type HeldWith = (ctx: Context, referralId: string, ringer: string) => Promise<string[]>;

/**
 * A doorbell from the other country of a referral, kept in this country's inbox; one already received (the
 * same id from the same country) is ignored. Kept only for a referral the ringer really holds with this
 * country (the ring limit is counted before, in notification.mutations.ts).
 */
export async function receiveDoorbell(
  ctx: Context,
  input: DoorbellInput,
  heldWith: HeldWith,
): Promise<DoorbellReceipt> {
  const { id: referralId } = parseReferralId(input.referralId);
  const id = input.id.trim();
  if (!id || id.length > MAX_DOORBELL_ID) {
    throw new BadUserInputError(`must be 1 to ${MAX_DOORBELL_ID} characters`, "id");
  }
  const ringer = ctx.principal().country!;
  const parties = await heldWith(ctx, referralId, ringer);
  const principal = ctx.authorize("ringDoorbell", { parties, recordIds: [referralId] });
  // A ringer whose clock runs ahead is believed no further than this country's own clock.
  const at = new Date(Math.min(input.at.getTime(), Date.now()));
  const key = `${principal.country}:${id}`;
  const written = await ctx.store.Notification.updateOne(
    { _id: key },
    {
      $setOnInsert: {
        event: input.event,
        referralId,
        from: principal.country,
        at,
        receivedAt: new Date(),
        readAt: null,
      },
    },
    { upsert: true },
  );
  // Passed on to the national systems' webhooks, again on a repeated delivery (queued once per webhook).
  const kept = await ctx.store.Notification.findById(key).lean<NotificationRecord>();
  if (kept) await ctx.webhooks.notify(kept);
  return { id: key, new: written.upsertedCount === 1 };
}

/** The country's doorbells, newest first. */
export async function listNotifications(
  ctx: Context,
  unreadOnly: boolean,
  first: number,
): Promise<Notification[]> {
  assertPageSize(first, MAX_NOTIFICATIONS);
  const records = await ctx.store.Notification.find(unreadOnly ? { readAt: null } : {})
    .sort({ receivedAt: -1 })
    .limit(first)
    .lean<NotificationRecord[]>();
  return records.map(toNotification);
}

export function countUnread(ctx: Context): Promise<number> {
  return ctx.store.Notification.countDocuments({ readAt: null });
}

/** Marks the given doorbells read; returns how many were unread. */
export async function markRead(ctx: Context, ids: readonly string[]): Promise<number> {
  if (ids.length > MAX_NOTIFICATIONS) {
    throw new BadUserInputError(`at most ${MAX_NOTIFICATIONS} at once`, "ids");
  }
  const result = await ctx.store.Notification.updateMany(
    { _id: mongoose.trusted({ $in: [...ids] }), readAt: null },
    { $set: { readAt: new Date() } },
  );
  return result.modifiedCount;
}
