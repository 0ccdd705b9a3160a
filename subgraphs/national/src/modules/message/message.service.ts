import { Types } from "mongoose";
import { NotFoundError } from "#core";
import { Context } from "../../context.type";
import { writeOnce } from "../idempotency";
import { parseObjectId } from "../ids";
import { erasedNow, refuseTextAfterErasure } from "../referral/erased";
import { otherParty, referralParties } from "../referral/referral-parties";
import { ReferralStatus } from "../referral/referral.enums";
import { InvalidTransitionError } from "../state-machine";
import { ReferralMessageInput } from "./message.input";
import { toMessage } from "./message.mapper";
import { MessageRecord } from "./message.model";
import { ReferralMessage } from "./message.type";

/** The ids of the messages the other party holds about a referral (read through the gateway). */
export type CounterpartMessageIds = (ctx: Context, country: string, referralId: string) => Promise<string[]>;

/** A referral's conversation: each country writes its own messages into its own store, never edited. */
export async function sendReferralMessage(
  ctx: Context,
  counterpartMessageIds: CounterpartMessageIds,
  referralId: string,
  input: ReferralMessageInput,
): Promise<ReferralMessage> {
  const principal = ctx.principal();
  const answerTo = input.answerTo ? parseObjectId(input.answerTo, "answerTo") : undefined;
  const written = await writeOnce<MessageRecord>({
    model: ctx.store.Message,
    key: input.idempotencyKey,
    payload: { referralId, body: input.body, answerTo: input.answerTo },
    conflict: () =>
      `Idempotency key '${input.idempotencyKey}' was already used for another message; use a new key.`,
    create: async (hash) => {
      const parties = await referralParties(ctx, referralId);
      if (parties.status !== ReferralStatus.SENT) {
        throw new InvalidTransitionError("The referral", parties.status, "a new message", []);
      }
      refuseTextAfterErasure(parties.erasedAt, { body: input.body });
      if (answerTo) await assertAnswerable(ctx, counterpartMessageIds, parties, answerTo);
      const created = await ctx.store.Message.create({
        referralId: parties.id,
        sender: parties.from,
        receiver: parties.to,
        writtenBy: ctx.country.code,
        author: principal.subject,
        body: input.body,
        answerTo: answerTo ?? null,
        idempotencyKey: input.idempotencyKey,
        payloadHash: hash,
      });
      if (await erasedNow(ctx, parties)) {
        await ctx.store.Message.collection.updateOne({ _id: created._id }, { $set: { body: "" } });
        return { ...created.toObject(), body: "" } as unknown as MessageRecord;
      }
      return created.toObject() as unknown as MessageRecord;
    },
  });
  // Also when the key is replayed: a first attempt that failed between the two writes rings now.
  await ctx.doorbells.ring(
    "MESSAGE_SENT",
    written.referralId,
    otherParty(ctx, { from: written.sender, to: written.receiver }),
    String(written._id),
  );
  return toMessage(written);
}

/** The message answered must belong to the same referral, in either country's store. */
async function assertAnswerable(
  ctx: Context,
  counterpartMessageIds: CounterpartMessageIds,
  parties: { id: string; from: string; to: string },
  answerTo: Types.ObjectId,
) {
  const own = await ctx.store.Message.findById(answerTo).lean<MessageRecord>();
  if (own?.referralId === parties.id) return;
  const other = parties.from === ctx.country.code ? parties.to : parties.from;
  const theirs = own ? [] : await counterpartMessageIds(ctx, other, parties.id);
  if (!theirs.includes(answerTo.toHexString())) {
    throw new NotFoundError(`No message '${answerTo.toHexString()}' in the conversation of '${parties.id}'.`);
  }
}
