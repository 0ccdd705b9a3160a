import { Arg, Ctx, FieldResolver, Int, Resolver } from "type-graphql";
import { Policy } from "../../../../shared/src/auth/policy";
import { Context } from "../../context.type";
import { CountryInterface } from "../country-ref";
import { countUnread, listNotifications, MAX_NOTIFICATIONS } from "./notification.service";
import { Notification } from "./notification.type";

/** A country's inbox of doorbells, for its own principals. */
@Resolver(() => CountryInterface)
export class NotificationResolver {
  @FieldResolver(() => [Notification], {
    nullable: true,
    description:
      "Doorbells from the other countries of this country's referrals, newest first (its own principals only)",
  })
  @Policy("readNotifications", () => [])
  notifications(
    @Ctx() ctx: Context,
    @Arg("unreadOnly", () => Boolean, { defaultValue: false }) unreadOnly = false,
    @Arg("first", () => Int, { defaultValue: 50, description: `At most ${MAX_NOTIFICATIONS}` }) first = 50,
  ): Promise<Notification[]> {
    return listNotifications(ctx, unreadOnly, first);
  }

  @FieldResolver(() => Int, { nullable: true, description: "How many doorbells are unread" })
  @Policy("readNotifications", () => [])
  unreadNotifications(@Ctx() ctx: Context): Promise<number> {
    return countUnread(ctx);
  }
}
