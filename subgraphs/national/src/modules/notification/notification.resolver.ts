import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { Policy } from "#core";
import { Context } from "../../context.type";
import { CountryInterface } from "../country-ref";
import { countUnread, listNotifications, MAX_NOTIFICATIONS } from "./notification.service";
import { Notification } from "./notification.type";
import { deliveriesOf, listWebhooks, MAX_DELIVERIES } from "./webhook.service";
import { Webhook, WebhookDelivery } from "./webhook.type";

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

  @FieldResolver(() => [Webhook], {
    nullable: true,
    description: "Where the country's national systems receive its doorbells (its own principals only)",
  })
  @Policy("readNotifications", () => [])
  webhooks(@Ctx() ctx: Context): Promise<Webhook[]> {
    return listWebhooks(ctx);
  }
}

/** A webhook's delivery log. */
@Resolver(() => Webhook)
export class WebhookResolver {
  @FieldResolver(() => [WebhookDelivery], { description: "Newest first, each with every attempt" })
  @Policy("readNotifications", (_args, root: Webhook) => [root.id])
  deliveries(
    @Root() webhook: Webhook,
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { defaultValue: 20, description: `At most ${MAX_DELIVERIES}` }) first = 20,
  ): Promise<WebhookDelivery[]> {
    return deliveriesOf(ctx, webhook.id, first);
  }
}
