import {
  Arg,
  ClassType,
  Ctx,
  FieldResolver,
  ID,
  Int,
  MiddlewareFn,
  Resolver,
  UseMiddleware,
} from "type-graphql";
import { Policy, RateLimitedError } from "#core";
import { Context } from "../../context.type";
import { HeldWith, markRead, receiveDoorbell } from "./notification.service";
import { DoorbellInput, DoorbellReceipt } from "./notification.type";
import { registerWebhook, removeWebhook } from "./webhook.service";
import { WebhookRegistration } from "./webhook.type";

/**
 * At most `DOORBELL_RINGS_PER_MINUTE` doorbells from one country (RATE_LIMITED: its outbox rings again
 * later), counted before anything else is done for a ring. A caller without a country is left to the
 * policy to refuse.
 */
const withinRingLimit: MiddlewareFn<Context> = async ({ context }, next) => {
  const ringer = context.auth.kind === "authenticated" ? context.auth.principal.country : undefined;
  if (ringer && !context.ringLimit.take(ringer)) {
    throw new RateLimitedError(
      `${ringer} rang more than ${context.ringLimit.perMinute} doorbells a minute.`,
      context.ringLimit.retryAfterSeconds(ringer),
    );
  }
  return next();
};

/**
 * The doorbell writes of a country's mutation namespace: receiving one, marking them read, and the national
 * systems' webhooks that receive them too. `heldWith` checks that a ringer holds the referral it names.
 */
export function notificationMutations(namespace: ClassType, heldWith: HeldWith): Function {
  @Resolver(() => namespace)
  class NotificationMutations {
    // Before the policy (type-graphql runs a field's middlewares in the order they are written): a ring over
    // the limit writes nothing, the audit log included.
    @UseMiddleware(withinRingLimit)
    @Policy("ringDoorbell", ({ input }) => [input?.referralId])
    @FieldResolver(() => DoorbellReceipt, {
      description:
        "Receives a doorbell from the other country's subgraph (its service credential): something changed on a referral",
    })
    ringDoorbell(@Arg("input", () => DoorbellInput) input: DoorbellInput, @Ctx() ctx: Context) {
      return receiveDoorbell(ctx, input, heldWith);
    }

    @Policy("readNotifications", () => [])
    @FieldResolver(() => Int, { description: "Marks doorbells read; returns how many were unread" })
    markNotificationsRead(@Arg("ids", () => [ID]) ids: string[], @Ctx() ctx: Context) {
      return markRead(ctx, ids);
    }

    @Policy("manageWebhooks", () => [])
    @FieldResolver(() => WebhookRegistration, {
      description:
        "Registers a webhook: every doorbell the country receives is delivered there, signed (Standard Webhooks)",
    })
    registerWebhook(@Arg("url", () => String) url: string, @Ctx() ctx: Context) {
      return registerWebhook(ctx, url);
    }

    @Policy("manageWebhooks", ({ id }) => [id])
    @FieldResolver(() => ID, {
      description: "Removes a webhook; deliveries still waiting for it are given up",
    })
    removeWebhook(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
      return removeWebhook(ctx, id);
    }
  }
  return NotificationMutations;
}
