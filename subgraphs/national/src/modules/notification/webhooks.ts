import { Webhook as Signer } from "standardwebhooks";
import { Agent, fetch } from "undici";
import { isProduction } from "#core";
import { Store } from "../../store";
import { assertPublicAddress, publicOnlyLookup } from "./webhook-address";
import { NotificationRecord } from "./notification.model";
import { Attempt, Postman } from "./postman";
import { WebhookDeliveryRecord, WebhookRecord } from "./webhook.model";

/** How received doorbells reach the country's national systems. */
export interface Webhooks {
  /** Queues the doorbell for every registered webhook (once per webhook, however often it is called). */
  notify(notification: NotificationRecord): Promise<void>;
}

/** Attempts per delivery before it is given up (with the backoff capped at 5 minutes, about an hour). */
export const MAX_WEBHOOK_ATTEMPTS = 20;
const TIMEOUT_MS = 10_000;
/** What the delivery log says of a failed attempt while developing (see `send`). */
export const NOT_ACCEPTED = "not accepted (while developing, why is on the subgraph's console only)";

/**
 * How deliveries connect: in production a name is resolved once, for the connection, and refused when it
 * resolves to an internal address (webhook-address.ts); while developing, as usual.
 */
const dispatcher = (production: boolean) =>
  new Agent(production ? { connect: { lookup: publicOnlyLookup } } : {});

/**
 * The webhook outbox: each doorbell this country receives is delivered to each of its national systems'
 * webhooks as a Standard Webhooks message (`webhook-id`, `webhook-timestamp`, `webhook-signature`, HMAC-SHA256
 * with the webhook's secret), retried until the endpoint answers 2xx, each attempt in the delivery log.
 */
export class WebhookSender implements Webhooks {
  private readonly postman: Postman<WebhookDeliveryRecord>;
  private readonly production = isProduction();
  private readonly dispatcher = dispatcher(this.production);

  constructor(
    private readonly store: Store,
    /** This country's code: the receiver of every doorbell it passes on. */
    private readonly country: string,
    retryMaxMs: number,
    private readonly log: (line: string) => void,
  ) {
    this.postman = new Postman(
      store.WebhookDelivery,
      (delivery) => this.send(delivery),
      retryMaxMs,
      log,
      "webhooks",
    );
  }

  async notify(notification: NotificationRecord): Promise<void> {
    const webhooks = await this.store.Webhook.find().lean<WebhookRecord[]>();
    if (!webhooks.length) return;
    const now = new Date();
    await this.store.WebhookDelivery.bulkWrite(
      webhooks.map((webhook) => ({
        updateOne: {
          filter: { _id: `${webhook._id}:${notification._id}` },
          update: {
            $setOnInsert: {
              webhookId: String(webhook._id),
              notificationId: notification._id,
              event: notification.event,
              referralId: notification.referralId,
              from: notification.from,
              at: notification.at,
              createdAt: now,
              attempts: 0,
              nextAttemptAt: now,
              deliveredAt: null,
              gaveUpAt: null,
              log: [],
            },
          },
          upsert: true,
        },
      })),
    );
    this.postman.kick();
  }

  start(): void {
    this.postman.start(this.store.ready);
  }

  stop(): void {
    this.postman.stop();
  }

  private async send(delivery: WebhookDeliveryRecord): Promise<Attempt> {
    const webhook = await this.store.Webhook.findById(delivery.webhookId).lean<WebhookRecord>();
    if (!webhook) return { delivered: false, reason: "the webhook was removed", final: true };
    const body = JSON.stringify({
      type: `referral.${delivery.event.toLowerCase()}`,
      timestamp: delivery.at.toISOString(),
      data: {
        id: delivery.notificationId,
        event: delivery.event,
        referralId: delivery.referralId,
        from: delivery.from,
        to: this.country,
        at: delivery.at.toISOString(),
      },
    });
    const sentAt = new Date();
    let status: number | undefined;
    let error: string | undefined;
    try {
      // Again at each delivery, for an address: the internal ranges may have grown since it was registered.
      assertPublicAddress(new URL(webhook.url).hostname, this.production);
      const response = await fetch(webhook.url, {
        dispatcher: this.dispatcher,
        method: "POST",
        headers: {
          "content-type": "application/json",
          "webhook-id": delivery._id,
          "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
          "webhook-signature": new Signer(webhook.secret).sign(delivery._id, sentAt, body),
        },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      status = response.status;
      await response.body?.cancel();
    } catch (failure) {
      // The refusal of an internal address says so; a transport failure only that it failed.
      const cause = (failure as Error).cause as Error | undefined;
      error = cause?.message.includes("internal address") ? cause.message : (failure as Error).message;
    }
    const delivered = status !== undefined && status >= 200 && status < 300;
    let reason = error ?? `the endpoint answered HTTP ${status}`;
    if (!delivered && !this.production) {
      // While developing, a webhook may point anywhere on this machine or its network: a status against a
      // refused connection would map which ports listen there. The API says only that it failed; the
      // developer reads why on this subgraph's console.
      this.log(`webhooks: ${delivery._id} to ${webhook.url} not accepted: ${reason}`);
      status = undefined;
      error = reason = NOT_ACCEPTED;
    }
    await this.store.WebhookDelivery.updateOne(
      { _id: delivery._id },
      { $push: { log: { at: sentAt, ...(status ? { status } : {}), ...(error ? { error } : {}) } } },
    );
    if (delivered) return { delivered: true };
    return { delivered: false, reason, final: delivery.attempts + 1 >= MAX_WEBHOOK_ATTEMPTS };
  }
}
