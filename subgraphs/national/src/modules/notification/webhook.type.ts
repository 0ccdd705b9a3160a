import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { DoorbellEvent } from "./notification.type";

@Directive("@shareable")
@ObjectType({ description: "One attempt to deliver a doorbell to a webhook" })
export class WebhookAttempt {
  @Field(() => Date)
  at!: Date;

  @Field(() => Int, { nullable: true, description: "The endpoint's HTTP status, if it answered" })
  status?: number;

  @Field(() => String, { nullable: true, description: "Why it did not answer" })
  error?: string;
}

@Directive("@shareable")
@ObjectType({ description: "A doorbell on its way to a webhook, with every attempt" })
export class WebhookDelivery {
  @Field(() => ID, { description: "Also the `webhook-id` header of every attempt" })
  id!: string;

  @Field(() => DoorbellEvent)
  event!: DoorbellEvent;

  @Field(() => ID)
  referralId!: string;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Date, { nullable: true })
  deliveredAt?: Date | null;

  @Field(() => Date, { nullable: true, description: "Set when no further attempt will be made" })
  gaveUpAt?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: "The next attempt, while neither delivered nor given up",
  })
  nextAttemptAt?: Date | null;

  @Field(() => String, { nullable: true })
  lastError?: string;

  @Field(() => [WebhookAttempt])
  log!: WebhookAttempt[];
}

@Directive("@shareable")
@ObjectType({ description: "Where a national system of the country receives its doorbells" })
export class Webhook {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  url!: string;

  @Field(() => Date)
  createdAt!: Date;
}

@Directive("@shareable")
@ObjectType({ description: "A new webhook and its signing secret, which is shown only now" })
export class WebhookRegistration {
  @Field(() => Webhook)
  webhook!: Webhook;

  @Field(() => String, {
    description: "Standard Webhooks secret (whsec_...): verify every delivery's webhook-signature with it",
  })
  secret!: string;
}
