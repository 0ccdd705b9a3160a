import { Arg, ClassType, Ctx, FieldResolver, ID, Int, Resolver } from "type-graphql";
import { Policy } from "../../../../shared/src/auth/policy";
import { Context } from "../../context.type";
import { HeldWith, markRead, receiveDoorbell } from "./notification.service";
import { DoorbellInput, DoorbellReceipt } from "./notification.type";
import { registerWebhook, removeWebhook } from "./webhook.service";
import { WebhookRegistration } from "./webhook.type";

/**
 * The doorbell writes of a country's mutation namespace: receiving one, marking them read, and the national
 * systems' webhooks that receive them too. `heldWith` checks that a ringer holds the referral it names.
 */
export function notificationMutations(namespace: ClassType, heldWith: HeldWith): Function {
  @Resolver(() => namespace)
  class NotificationMutations {
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
