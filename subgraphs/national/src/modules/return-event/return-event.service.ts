import { Types } from "mongoose";
import { BadUserInputError, NotFoundError } from "#core";
import { Context } from "../../context.type";
import { ReturnGate } from "../child-move";
import { parseObjectId } from "../ids";
import { toReturnEvent } from "./return-event.mapper";
import { erasedNow, refuseTextAfterErasure } from "../referral/erased";
import { otherParty, referralParties } from "../referral/referral-parties";
import { ReferralStatus } from "../referral/referral.enums";
import { writeOnce } from "../idempotency";
import { InvalidTransitionError } from "../state-machine";
import { ReturnEventKind } from "./return-event.enums";
import { ReturnEventInput } from "./return-event.input";
import { ReturnEventRecord } from "./return-event.model";
import { ReturnEvent } from "./return-event.type";

const CLOCK_SKEW_MS = 5 * 60_000;

/** Append-only: an event is written once by the country that acted, and corrected only by a new event. */
export async function recordReturnEvent(
  ctx: Context,
  returnGate: ReturnGate,
  referralId: string,
  input: ReturnEventInput,
): Promise<ReturnEvent> {
  if (input.occurredAt.getTime() > Date.now() + CLOCK_SKEW_MS) {
    throw new BadUserInputError("cannot be in the future", "occurredAt");
  }
  const isCorrection = input.kind === ReturnEventKind.CORRECTION;
  if (isCorrection && !input.corrects) {
    throw new BadUserInputError("a CORRECTION names the event it corrects", "corrects");
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
  const written = await writeOnce<ReturnEventRecord>({
    model: ctx.store.ReturnEvent,
    key: input.idempotencyKey,
    payload,
    conflict: () =>
      `Idempotency key '${input.idempotencyKey}' was already used for another event; use a new key.`,
    create: async (hash) => {
      const parties = await referralParties(ctx, referralId);
      refuseTextAfterErasure(parties.erasedAt, { notes: input.notes });
      // A CORRECTION says why, unless the referral's profile was erased: no free text is kept then.
      if (isCorrection && !input.notes?.trim() && !parties.erasedAt) {
        throw new BadUserInputError("a CORRECTION says why in notes", "notes");
      }
      if (input.kind === ReturnEventKind.HANDED_OVER || input.kind === ReturnEventKind.RECEIVED) {
        await returnGate(ctx, { kind: input.kind, referralId: parties.id, on: input.occurredAt });
      }
      if (parties.status === ReferralStatus.WITHDRAWN) {
        throw new InvalidTransitionError("The referral", parties.status, "a new return event", []);
      }
      let corrects: Types.ObjectId | undefined;
      if (input.corrects) {
        corrects = parseObjectId(input.corrects, "corrects");
        const original = await ctx.store.ReturnEvent.findById(corrects).lean<ReturnEventRecord>();
        if (!original || original.referralId !== parties.id) {
          throw new NotFoundError(
            `No event '${input.corrects}' recorded by ${ctx.country.name} for '${parties.id}'.`,
          );
        }
      }
      const created = await ctx.store.ReturnEvent.create({
        referralId: parties.id,
        sender: parties.from,
        receiver: parties.to,
        recordedBy: ctx.country.code,
        kind: input.kind,
        occurredAt: input.occurredAt,
        notes: input.notes ?? null,
        corrects: corrects ?? null,
        idempotencyKey: input.idempotencyKey,
        payloadHash: hash,
      });
      if (input.notes && (await erasedNow(ctx, parties))) {
        await ctx.store.ReturnEvent.collection.updateOne({ _id: created._id }, { $unset: { notes: "" } });
        return { ...created.toObject(), notes: null } as unknown as ReturnEventRecord;
      }
      return created.toObject() as ReturnEventRecord;
    },
  });
  // Also when the key is replayed: a first attempt that failed between the two writes rings now.
  await ctx.doorbells.ring(
    "RETURN_EVENT_RECORDED",
    written.referralId,
    otherParty(ctx, { from: written.sender, to: written.receiver }),
    String(written._id),
  );
  return toReturnEvent(written);
}
