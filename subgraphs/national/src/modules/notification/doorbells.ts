import { GraphQLError } from "graphql";
import { findEnabledCountry, mutationNamespace } from "#schema/registry";
import { FederationClient } from "../../federation-client";
import { Store } from "../../store";
import { DoorbellEventName, OutboxRecord } from "./notification.model";
import { Attempt, Postman } from "./postman";

/** How a write tells the other country of a referral that something changed (docs/referrals.md, "Doorbells"). */
export interface Doorbells {
  /**
   * Puts a doorbell for country `to` in this country's outbox; it is delivered as soon as it can be. `write`
   * names the write that rang (a record id, a version): ringing again for the same write changes nothing,
   * so a retried request rings what its first attempt may have failed to.
   */
  ring(event: DoorbellEventName, referralId: string, to: string, write: string): Promise<void>;
}

/** Answers that will not change on a retry: the doorbell is given up and the reason kept. */
const FINAL = ["BAD_USER_INPUT", "FORBIDDEN", "NOT_FOUND"];

const RING = (namespace: string) => `mutation($input: DoorbellInput!) {
  ${namespace} { ringDoorbell(input: $input) { id new } } }`;

/**
 * The doorbell outbox: a doorbell is stored with the write that rang it, then delivered to the
 * counterpart's subgraph through the gateway under this subgraph's service credential, and retried until it
 * is received, across restarts of either side.
 */
export class DoorbellSender implements Doorbells {
  private readonly postman: Postman<OutboxRecord>;

  constructor(
    private readonly store: Store,
    private readonly federation: FederationClient,
    retryMaxMs: number,
    log: (line: string) => void,
  ) {
    this.postman = new Postman(
      store.DoorbellOutbox,
      (doorbell) => this.send(doorbell),
      retryMaxMs,
      log,
      "doorbells",
    );
  }

  async ring(event: DoorbellEventName, referralId: string, to: string, write: string): Promise<void> {
    const now = new Date();
    await this.store.DoorbellOutbox.updateOne(
      { _id: `${event}:${referralId}:${write}` },
      {
        $setOnInsert: {
          event,
          referralId,
          to,
          at: now,
          attempts: 0,
          nextAttemptAt: now,
          deliveredAt: null,
          gaveUpAt: null,
        },
      },
      { upsert: true },
    );
    this.postman.kick();
  }

  start(): void {
    this.postman.start(this.store.ready);
  }

  stop(): void {
    this.postman.stop();
  }

  private async send(doorbell: OutboxRecord): Promise<Attempt> {
    const to = findEnabledCountry(doorbell.to);
    if (!to)
      return { delivered: false, reason: `'${doorbell.to}' is not a participating country`, final: true };
    try {
      await this.federation.asService(
        to,
        RING(mutationNamespace(to)),
        {
          input: {
            id: doorbell._id,
            event: doorbell.event,
            referralId: doorbell.referralId,
            at: doorbell.at,
          },
        },
        "doorbells:ring",
      );
      return { delivered: true };
    } catch (error) {
      const code = error instanceof GraphQLError ? String(error.extensions.code ?? "") : "";
      return {
        delivered: false,
        reason: `${code ? `${code}: ` : ""}${(error as Error).message}`,
        final: FINAL.includes(code),
      };
    }
  }
}
