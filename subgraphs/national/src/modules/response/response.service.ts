/** The receiver's response, written only by the receiver into its own store. */

import { BadUserInputError, isDuplicateKeyError, NotFoundError, StaleVersionError } from "#core";
import { Context } from "../../context.type";
import { ReturnGate } from "../child-move";
import { toResponse } from "./response.mapper";
import { refuseTextAfterErasure } from "../referral/erased";
import { referralParties } from "../referral/referral-parties";
import { ReferralStatus } from "../referral/referral.enums";
import { assertTransition, InvalidTransitionError } from "../state-machine";
import { Decision, DECISIONS } from "./response.enums";
import { ReferralResponseInput } from "./response.input";
import { ResponseRecord } from "./response.model";
import { ReferralResponse } from "./response.type";

/** The decisions that answer a referral for good. */
const FINAL: readonly Decision[] = [Decision.ACCEPTED, Decision.DECLINED];

function fieldsOf(input: ReferralResponseInput) {
  return {
    decision: input.decision,
    declineReason: input.declineReason ?? null,
    assignedContactId: input.assignedContactId ?? null,
    familyTracing: input.familyTracing ? { ...input.familyTracing } : null,
    riskAssessment: input.riskAssessment ? { ...input.riskAssessment } : null,
    returnPlan: input.returnPlan ? { ...input.returnPlan } : null,
    reintegrationSupport: input.reintegrationSupport.map((s) => ({ ...s })),
  };
}

/** `version` 0 creates the first response; afterwards send the version last read. */
export async function respondToReferral(
  ctx: Context,
  returnGate: ReturnGate,
  referralId: string,
  version: number,
  input: ReferralResponseInput,
): Promise<ReferralResponse> {
  const parties = await referralParties(ctx, referralId);
  // After the profile's erasure a decline is recorded without its reason: no free text is kept then.
  if (input.decision === Decision.DECLINED && !input.declineReason?.trim() && !parties.erasedAt) {
    throw new BadUserInputError("is required when the decision is DECLINED", "declineReason");
  }
  refuseTextAfterErasure(parties.erasedAt, {
    declineReason: input.declineReason,
    "familyTracing.summary": input.familyTracing?.summary,
    "riskAssessment.summary": input.riskAssessment?.summary,
    "returnPlan.receivingPlacement": input.returnPlan?.receivingPlacement,
    "returnPlan.escort": input.returnPlan?.escort,
    "reintegrationSupport.description": input.reintegrationSupport.map((s) => s.description ?? "").join(""),
  });
  if (parties.to !== ctx.country.code) {
    throw new BadUserInputError("only the receiving country answers a referral", "referralId");
  }
  if (input.returnPlan) {
    // A return plan schedules a move of the child: the return gate judges it with this response.
    await returnGate(ctx, {
      kind: "RETURN_PLAN",
      referralId: parties.id,
      on: input.returnPlan.plannedDate,
      response: {
        decision: input.decision,
        returnInBestInterests: input.riskAssessment?.returnInBestInterests,
      },
    });
  }
  if (parties.status !== ReferralStatus.SENT) {
    throw new InvalidTransitionError("The referral", parties.status, "answered", []);
  }
  const { Response } = ctx.store;
  const current = await Response.findById(parties.id).lean<ResponseRecord>();
  const currentVersion = current?.version ?? 0;
  if (currentVersion !== version)
    throw new StaleVersionError(`The response to '${parties.id}'`, version, currentVersion);

  if (!current) {
    try {
      const created = await Response.create({
        _id: parties.id,
        from: parties.from,
        ...fieldsOf(input),
        firstRespondedAt: new Date(),
        referralSentAt: parties.sentAt,
        acceptedAt: input.decision === Decision.ACCEPTED ? new Date() : null,
        decidedAt: FINAL.includes(input.decision) ? new Date() : null,
        version: 1,
      });
      await ctx.doorbells.ring("RESPONSE_GIVEN", parties.id, parties.from, "v1");
      return toResponse(created.toObject() as ResponseRecord, ctx.country.code);
    } catch (error) {
      if (isDuplicateKeyError(error))
        throw new StaleVersionError(`The response to '${parties.id}'`, version, 1);
      throw error;
    }
  }

  assertTransition("The response", DECISIONS, current.decision as Decision, input.decision);
  const updated = await Response.findOneAndUpdate(
    { _id: parties.id, version },
    {
      $set: {
        ...fieldsOf(input),
        ...(input.decision === Decision.ACCEPTED && !current.acceptedAt ? { acceptedAt: new Date() } : {}),
        ...(FINAL.includes(input.decision) && !current.decidedAt ? { decidedAt: new Date() } : {}),
      },
      $inc: { version: 1 },
    },
    { new: true },
  ).lean<ResponseRecord>();
  if (!updated) throw new StaleVersionError(`The response to '${parties.id}'`, version);
  await ctx.doorbells.ring("RESPONSE_GIVEN", parties.id, parties.from, `v${updated.version}`);
  return toResponse(updated, ctx.country.code);
}

/** Throws unless this country received the referral and accepted it (the receiver's own case needs that). */
export async function assertAccepted(ctx: Context, referralId: string): Promise<void> {
  const response = await ctx.store.Response.findById(referralId).lean<ResponseRecord>();
  if (!response) {
    throw new NotFoundError(
      `${ctx.country.name} has not answered a referral '${referralId}'; accept it first.`,
    );
  }
  if (response.erasedAt) {
    throw new BadUserInputError(
      `the profile of '${referralId}' was erased; a case cannot continue it any more`,
      "linkedReferralId",
    );
  }
  if (response.decision !== Decision.ACCEPTED) {
    throw new BadUserInputError(
      `${ctx.country.name}'s answer to '${referralId}' is ${response.decision}; a case continues only an ACCEPTED referral`,
      "linkedReferralId",
    );
  }
}
