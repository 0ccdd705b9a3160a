/** Referrals this country sent, held in its own store. */

import { findEnabledCountry } from "#schema/registry";
import { BadUserInputError, ForbiddenError, NotFoundError, StaleVersionError } from "#core";
import { Context } from "../../context.type";
import { writeOnce } from "../idempotency";
import { newReferralId, parseObjectId, parseReferralId } from "../ids";
import { refuseTextAfterErasure } from "./erased";
import { possibleParties } from "./referral-parties";
import { toReferral } from "./referral.mapper";
import { newestFirst, REFERRAL_IDS } from "../pagination";
import { assertTransition } from "../state-machine";
import { PROFILE_FIELDS, profileViolation } from "./child-profile.rules";
import { REFERRAL_STATUSES, ReferralPurpose, ReferralStatus } from "./referral.enums";
import { SendReferralInput } from "./referral.input";
import { ReferralRecord } from "./referral.model";
import { Referral, ReferralConnection } from "./referral.type";

/** The purposes whose receiver owes a risk assessment. */
export const ASSESSED: readonly ReferralPurpose[] = [
  ReferralPurpose.RISK_ASSESSMENT,
  ReferralPurpose.SAFE_RETURN,
];

export interface ReferralFilter {
  status?: ReferralStatus;
  to?: string;
}

export async function sendReferral(ctx: Context, input: SendReferralInput): Promise<Referral> {
  const principal = ctx.principal();
  const sender = ctx.country;
  const receiver = findEnabledCountry(input.to);
  if (!receiver) throw new BadUserInputError(`'${input.to}' is not a participating country`, "to");
  if (receiver.code === sender.code)
    throw new BadUserInputError("a country cannot refer a child to itself", "to");

  const profile = Object.fromEntries(
    PROFILE_FIELDS.filter((f) => input.profile[f] !== undefined && input.profile[f] !== null).map((f) => [
      f,
      input.profile[f],
    ]),
  );
  const violation = profileViolation(input.purpose, profile);
  if (violation) throw new BadUserInputError(violation[1], `profile.${violation[0]}`);

  const caseId = parseObjectId(input.caseId, "caseId");
  const payload = {
    caseId: input.caseId,
    to: receiver.code,
    purpose: input.purpose,
    urgency: input.urgency,
    profile,
  };
  const written = await writeOnce<ReferralRecord>({
    model: ctx.store.Referral,
    key: input.idempotencyKey,
    payload,
    conflict: (existing) =>
      `Idempotency key '${input.idempotencyKey}' was already used for referral ${existing._id} with a different payload; use a new key for a new referral.`,
    create: async (hash) => {
      const kase = await ctx.loaders.cases.load(input.caseId);
      if (!kase) throw new NotFoundError(`No case with id '${input.caseId}'.`);
      const sentAt = new Date();
      const hours = ctx.config.acknowledgementHours[input.urgency];
      const record = {
        _id: newReferralId(sender.code, sentAt),
        caseId,
        from: sender.code,
        to: receiver.code,
        purpose: input.purpose,
        urgency: input.urgency,
        profile,
        status: ReferralStatus.SENT,
        sentAt,
        caseIdentifiedOn: kase.identifiedOn,
        acknowledgementDueAt: new Date(sentAt.getTime() + hours * 3_600_000),
        decisionDueAt: new Date(sentAt.getTime() + ctx.config.decisionDays * 86_400_000),
        riskAssessmentDueAt: ASSESSED.includes(input.purpose)
          ? new Date(sentAt.getTime() + ctx.config.riskAssessmentDays * 86_400_000)
          : undefined,
        history: [{ at: sentAt, status: ReferralStatus.SENT, by: principal.subject }],
        idempotencyKey: input.idempotencyKey,
        payloadHash: hash,
        version: 1,
      };
      await ctx.store.Referral.create(record);
      return record as unknown as ReferralRecord;
    },
  });
  // Also when the key is replayed: a first attempt that failed between the two writes rings now.
  await ctx.doorbells.ring("REFERRAL_SENT", written._id, written.to, "sent");
  return toReferral(written);
}

export async function changeReferralStatus(
  ctx: Context,
  id: string,
  version: number,
  status: ReferralStatus,
  note: string | undefined,
) {
  const principal = ctx.principal();
  const { id: referralId, sender } = parseReferralId(id, "id");
  const current = sender === ctx.country.code ? await ctx.loaders.referrals.load(referralId) : null;
  if (!current) throw new NotFoundError(`No referral '${referralId}' sent by ${ctx.country.name}.`);
  if (current.version !== version) {
    throw new StaleVersionError(`Referral '${referralId}'`, version, current.version);
  }
  assertTransition("The referral", REFERRAL_STATUSES, current.status as ReferralStatus, status);
  refuseTextAfterErasure(current.erasedAt, { note });
  const at = new Date();
  const updated = await ctx.store.Referral.findOneAndUpdate(
    { _id: referralId, version },
    {
      $set: { status, endedAt: at },
      $push: { history: { at, status, by: principal.subject, note } },
      $inc: { version: 1 },
    },
    { new: true },
  ).lean<ReferralRecord>();
  if (!updated) throw new StaleVersionError(`Referral '${referralId}'`, version);
  await ctx.doorbells.ring(
    status === ReferralStatus.WITHDRAWN ? "REFERRAL_WITHDRAWN" : "REFERRAL_CLOSED",
    referralId,
    updated.to,
    `v${updated.version}`,
  );
  return toReferral(updated);
}

/**
 * One referral this country sent, for its two parties only. Null when this country holds no such referral,
 * and null too, not FORBIDDEN, for a referral of other countries: a principal of a third country cannot
 * tell one from the other, and its attempt is recorded as refused either way (the audit head moves alike).
 */
export async function getReferral(ctx: Context, id: string): Promise<Referral | null> {
  const { id: referralId, sender } = parseReferralId(id, "id");
  const record = sender === ctx.country.code ? await ctx.loaders.referrals.load(referralId) : null;
  const parties = await possibleParties(ctx, referralId);
  try {
    // The purpose only once the caller is known to be a party: a refusal reads the same either way.
    ctx.authorize("readReferrals", {
      parties,
      recordIds: [referralId],
      purpose: record && parties.includes(ctx.principal().country ?? "") ? record.purpose : undefined,
    });
  } catch (error) {
    if (error instanceof ForbiddenError) return null;
    throw error;
  }
  return record ? toReferral(record) : null;
}

/**
 * Referrals this country sent. Its own principals see all of them; a principal of another country sees
 * only those addressed to its country, so `countries { referrals }` lists everything sent to the caller.
 */
export async function listReferrals(
  ctx: Context,
  filter: ReferralFilter,
  first: number,
  after: string | undefined,
): Promise<ReferralConnection> {
  const principal = ctx.principal();
  const own = principal.country === ctx.country.code;
  if (!own && filter.to && filter.to.toUpperCase() !== principal.country) {
    throw new ForbiddenError(
      `A principal of ${principal.country} may list only referrals addressed to ${principal.country}.`,
    );
  }
  const query: Record<string, unknown> = {};
  const to = own ? filter.to?.toUpperCase() : principal.country;
  if (to) query.to = to;
  if (filter.status) query.status = filter.status;
  const page = await newestFirst<ReferralRecord, string>(
    ctx.store.Referral,
    query,
    first,
    after,
    REFERRAL_IDS,
  );
  ctx.authorize("readReferrals", { recordIds: page.nodes.map((r) => r._id) });
  return { nodes: page.nodes.map(toReferral), pageInfo: page.pageInfo };
}
