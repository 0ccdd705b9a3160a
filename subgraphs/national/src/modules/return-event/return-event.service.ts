import { Types } from "mongoose";
import { BadUserInputError, ConflictError, NotFoundError } from "../../../../shared/src/errors";
import { Context } from "../../context.type";
import { isDuplicateKeyError } from "../../../../shared/src/store-connection";
import { parseObjectId } from "../ids";
import { toReturnEvent } from "./return-event.mapper";
import { referralParties } from "../referral/referral-parties";
import { ReferralStatus } from "../referral/referral.enums";
import { payloadHash } from "../referral/referral.service";
import { InvalidTransitionError } from "../state-machine";
import { ReturnEventKind } from "./return-event.enums";
import { ReturnEventInput } from "./return-event.input";
import { ReturnEventRecord } from "./return-event.model";
import { ReturnEvent } from "./return-event.type";

const CLOCK_SKEW_MS = 5 * 60_000;

/** Append-only: an event is written once by the country that acted, and corrected only by a new event. */
export class ReturnEventService {
  constructor(private readonly ctx: Context) {}

  async record(referralId: string, input: ReturnEventInput): Promise<ReturnEvent> {
    if (input.occurredAt.getTime() > Date.now() + CLOCK_SKEW_MS) {
      throw new BadUserInputError("cannot be in the future", "occurredAt");
    }
    const isCorrection = input.kind === ReturnEventKind.CORRECTION;
    if (isCorrection && (!input.corrects || !input.notes?.trim())) {
      throw new BadUserInputError(
        "a CORRECTION names the event it corrects and says why in notes",
        "corrects",
      );
    }
    if (!isCorrection && input.corrects)
      throw new BadUserInputError("only a CORRECTION may name an event", "corrects");

    const payload = {
      referralId,
      kind: input.kind,
      occurredAt: input.occurredAt,
      notes: input.notes,
      corrects: input.corrects,
    };
    const hash = payloadHash(payload);
    const replay = await this.replay(input.idempotencyKey, hash);
    if (replay) return replay;

    const parties = await referralParties(this.ctx, referralId);
    if (parties.status === ReferralStatus.WITHDRAWN) {
      throw new InvalidTransitionError("The referral", parties.status, "a new return event", []);
    }
    let corrects: Types.ObjectId | undefined;
    if (input.corrects) {
      corrects = parseObjectId(input.corrects, "corrects");
      const original = await this.ctx.store.ReturnEvent.findById(corrects).lean<ReturnEventRecord>();
      if (!original || original.referralId !== parties.id) {
        throw new NotFoundError(
          `No event '${input.corrects}' recorded by ${this.ctx.country.name} for '${parties.id}'.`,
        );
      }
    }
    try {
      const created = await this.ctx.store.ReturnEvent.create({
        referralId: parties.id,
        sender: parties.from,
        receiver: parties.to,
        recordedBy: this.ctx.country.code,
        kind: input.kind,
        occurredAt: input.occurredAt,
        notes: input.notes ?? null,
        corrects: corrects ?? null,
        idempotencyKey: input.idempotencyKey,
        payloadHash: hash,
      });
      return toReturnEvent(created.toObject() as ReturnEventRecord);
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        const raced = await this.replay(input.idempotencyKey, hash);
        if (raced) return raced;
      }
      throw error;
    }
  }

  private async replay(idempotencyKey: string, hash: string): Promise<ReturnEvent | undefined> {
    const existing = await this.ctx.store.ReturnEvent.findOne({ idempotencyKey }).lean<ReturnEventRecord>();
    if (!existing) return undefined;
    if (existing.payloadHash !== hash) {
      throw new ConflictError(
        `Idempotency key '${idempotencyKey}' was already used for another event; use a new key.`,
      );
    }
    return toReturnEvent(existing);
  }
}
