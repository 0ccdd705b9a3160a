import { Arg, ClassType, Ctx, FieldResolver, ID, Int, Resolver } from "type-graphql";
import { Policy } from "../../../../shared/src/auth/policy";
import { Context } from "../../context.type";
import { markRead, receiveDoorbell } from "./notification.service";
import { DoorbellInput, DoorbellReceipt } from "./notification.type";

/** The doorbell writes of a country's mutation namespace: receiving one, and marking them read. */
export function notificationMutations(namespace: ClassType): Function {
  @Resolver(() => namespace)
  class NotificationMutations {
    @Policy("ringDoorbell", ({ input }) => [input?.referralId])
    @FieldResolver(() => DoorbellReceipt, {
      description:
        "Receives a doorbell from the other country's subgraph (its service credential): something changed on a referral",
    })
    ringDoorbell(@Arg("input", () => DoorbellInput) input: DoorbellInput, @Ctx() ctx: Context) {
      return receiveDoorbell(ctx, input);
    }

    @Policy("readNotifications", () => [])
    @FieldResolver(() => Int, { description: "Marks doorbells read; returns how many were unread" })
    markNotificationsRead(@Arg("ids", () => [ID]) ids: string[], @Ctx() ctx: Context) {
      return markRead(ctx, ids);
    }
  }
  return NotificationMutations;
}
