import { randomUUID } from "node:crypto";
import { GraphQLError } from "graphql";
import mongoose from "mongoose";
import { findEnabledCountry, mutationNamespace } from "../../../../../schema/registry";
import { FederationClient } from "../../federation-client";
import { Store } from "../../store";
import { DoorbellEventName, OutboxRecord } from "./notification.model";

/** How a write tells the other country of a referral that something changed (docs/referrals.md, "Doorbells"). */
export interface Doorbells {
  /** Puts a doorbell for country `to` in this country's outbox; it is delivered as soon as it can be. */
  ring(event: DoorbellEventName, referralId: string, to: string): Promise<void>;
}

/** Answers that will not change on a retry: the doorbell is given up and the reason kept. */
const FINAL = ["BAD_USER_INPUT", "FORBIDDEN", "NOT_FOUND"];
/** Doorbells delivered per pass; the next pass takes the rest at once. */
const BATCH = 50;
/** When the outbox cannot be read (the store is down), look again after this long. */
const STORE_RETRY_MS = 5_000;

const RING = (namespace: string) => `mutation($input: DoorbellInput!) {
  ${namespace} { ringDoorbell(input: $input) { id new } } }`;

/**
 * The outbox and its postman: a doorbell is stored with the write that rang it, then delivered to the
 * counterpart's subgraph through the gateway under this subgraph's service credential, and retried with
 * exponential backoff (1 s, 2 s, 4 s... at most `retryMaxMs`) until it is received, across restarts of
 * either side. Never two passes at once; a ring during a pass starts another right after.
 */
export class DoorbellSender implements Doorbells {
  private running = false;
  private again = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly store: Store,
    private readonly federation: FederationClient,
    private readonly retryMaxMs: number,
    private readonly log: (line: string) => void,
  ) {}

  async ring(event: DoorbellEventName, referralId: string, to: string): Promise<void> {
    const now = new Date();
    await this.store.DoorbellOutbox.create({
      _id: randomUUID(),
      event,
      referralId,
      to,
      at: now,
      attempts: 0,
      nextAttemptAt: now,
    });
    this.kick();
  }

  /** Delivers what is waiting once the store is ready (doorbells left by an earlier run included). */
  start(): void {
    void this.store.ready.then(
      () => this.kick(),
      () => undefined,
    );
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.pass();
  }

  private async pass(): Promise<void> {
    this.running = true;
    clearTimeout(this.timer);
    let wait: number | undefined;
    try {
      do {
        this.again = false;
        const due = await this.store.DoorbellOutbox.find({
          deliveredAt: null,
          gaveUpAt: null,
          nextAttemptAt: mongoose.trusted({ $lte: new Date() }),
        })
          .sort({ nextAttemptAt: 1 })
          .limit(BATCH)
          .lean<OutboxRecord[]>();
        await Promise.all(due.map((doorbell) => this.deliver(doorbell)));
        if (due.length === BATCH) this.again = true;
      } while (this.again && !this.stopped);
      const next = await this.store.DoorbellOutbox.findOne({ deliveredAt: null, gaveUpAt: null })
        .sort({ nextAttemptAt: 1 })
        .lean<OutboxRecord>();
      if (next) wait = Math.max(0, next.nextAttemptAt.getTime() - Date.now());
    } catch (error) {
      this.log(
        `doorbells: the outbox could not be read (${(error as Error).message}); looking again shortly`,
      );
      wait = STORE_RETRY_MS;
    } finally {
      this.running = false;
    }
    if (wait !== undefined && !this.stopped) {
      this.timer = setTimeout(() => this.kick(), wait);
      this.timer.unref();
    }
  }

  private async deliver(doorbell: OutboxRecord): Promise<void> {
    const to = findEnabledCountry(doorbell.to);
    const attempts = doorbell.attempts + 1;
    try {
      if (!to) throw new GraphQLError(`'${doorbell.to}' is not a participating country`);
      await this.federation.asService(
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
      await this.store.DoorbellOutbox.updateOne(
        { _id: doorbell._id },
        { $set: { deliveredAt: new Date(), attempts }, $unset: { lastError: 1 } },
      );
    } catch (error) {
      const code = error instanceof GraphQLError ? String(error.extensions.code ?? "") : "";
      const reason = `${code ? `${code}: ` : ""}${(error as Error).message}`;
      const final = !to || FINAL.includes(code);
      const delay = Math.min(1_000 * 2 ** (attempts - 1), this.retryMaxMs);
      await this.store.DoorbellOutbox.updateOne(
        { _id: doorbell._id },
        {
          $set: {
            attempts,
            lastError: reason,
            ...(final ? { gaveUpAt: new Date() } : { nextAttemptAt: new Date(Date.now() + delay) }),
          },
        },
      );
      if (final)
        this.log(
          `doorbells: ${doorbell.event} of ${doorbell.referralId} for ${doorbell.to} refused: ${reason}`,
        );
    }
  }
}
