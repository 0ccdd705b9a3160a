import { findEnabledCountry } from "#schema/registry";
import { GraphQLError } from "graphql";
import { Types } from "mongoose";
import { NotFoundError } from "#core";
import { Context } from "../../context.type";
import { CaseRecord } from "../case/case.model";
import { Case } from "../case/case.type";
import { ChildMove, ReturnGate } from "../child-move";
import { parseReferralId } from "../ids";
import { ReferralPurpose, ReferralStatus } from "../referral/referral.enums";
import { ReferralRecord } from "../referral/referral.model";
import { ResponseRecord } from "../response/response.model";
import { ConditionState, Holder, judgeReturn, ReturnCondition, ReturnFacts } from "./return-conditions";
import { ReturnNotSafeError } from "./return-not-safe.error";
import { ReturnReadiness } from "./return-readiness.type";

type CaseFacts = NonNullable<ReturnFacts["case"]>;
type ResponseFacts = NonNullable<ReturnFacts["response"]>;

/** The facts of a case the gate judges, from the stored record or the GraphQL object. */
const caseFacts = (kase: CaseRecord | Case | null): CaseFacts | null =>
  kase && {
    stage: kase.stage,
    ageDisputed: kase.ageDisputed,
    hasGuardian: !!kase.guardian,
    childViewsHeard: !!kase.childViews,
    reflectionPeriodEndsOn: kase.reflectionPeriodEndsOn,
  };

const responseFacts = (
  response:
    | { decision: string; riskAssessment?: { returnInBestInterests?: boolean | null } | null }
    | null
    | undefined,
): ResponseFacts | null =>
  response
    ? { decision: response.decision, returnInBestInterests: response.riskAssessment?.returnInBestInterests }
    : null;

/** What the gate reads of the sender's referral. */
interface SenderReferral {
  id: string;
  to: string;
  status: string;
  profileAgeDisputed?: boolean | null;
}

const fromRecord = (record: ReferralRecord): SenderReferral => ({
  id: record._id,
  to: record.to,
  status: record.status,
  profileAgeDisputed: record.profile.ageDisputed as boolean | undefined,
});

/**
 * Judged where the referral is held, by its sender: the sender's referral and case from its own store,
 * and, unless only the sender's conditions are asked for, the receiver's response read through the
 * gateway with the caller's token.
 */
async function judgeAtSender(
  ctx: Context,
  referral: SenderReferral | null,
  kase: CaseFacts | null,
  on: Date,
  heldBy?: Holder,
): Promise<ConditionState[]> {
  const response =
    referral && heldBy !== Holder.SENDER
      ? (await ctx.loaders.counterpartRecords.load({ country: referral.to, referralId: referral.id }))
          .response
      : null;
  const states = judgeReturn({
    on,
    referral: referral && { status: referral.status, profileAgeDisputed: referral.profileAgeDisputed },
    case: kase,
    response: responseFacts(response),
  });
  return heldBy ? states.filter((s) => s.holder === heldBy) : states;
}

const readiness = (referralId: string | undefined, on: Date, states: ConditionState[]): ReturnReadiness => ({
  referralId,
  on,
  ready: states.every((s) => s.met),
  unmet: states.filter((s) => !s.met).map((s) => s.condition),
  conditions: states.map(({ condition, description, met }) => ({ condition, description, met })),
});

/** `Referral.returnReadiness`, answered by the sender for either party. */
export async function referralReadiness(
  ctx: Context,
  referral: {
    id: string;
    to: { code: string };
    status: string;
    caseId: string;
    profile: { ageDisputed?: boolean };
  },
  on: Date,
  heldBy?: Holder,
): Promise<ReturnReadiness> {
  const kase = await ctx.loaders.cases.load(referral.caseId);
  const states = await judgeAtSender(
    ctx,
    {
      id: referral.id,
      to: referral.to.code,
      status: referral.status,
      profileAgeDisputed: referral.profile.ageDisputed,
    },
    caseFacts(kase),
    on,
    heldBy,
  );
  return readiness(referral.id, on, states);
}

/**
 * The referral a case would be returned through: its newest active referral, a SAFE_RETURN one first;
 * when none is active, its newest ended one, a SAFE_RETURN one first. `fresh` reads the store rather than
 * the request's loaders: a gate must not judge on what an earlier field of the same request read.
 */
async function returnReferralOf(ctx: Context, caseId: string, fresh = false): Promise<ReferralRecord | null> {
  const referrals = fresh
    ? await ctx.store.Referral.find({ caseId: new Types.ObjectId(caseId) })
        .sort({ caseId: 1, _id: -1 })
        .lean<ReferralRecord[]>()
    : await ctx.loaders.referralsByCase.load(caseId);
  const rank = (r: ReferralRecord) =>
    (r.status === ReferralStatus.SENT ? 0 : 2) + (r.purpose === ReferralPurpose.SAFE_RETURN ? 0 : 1);
  return [...referrals].sort((a, b) => rank(a) - rank(b) || (a._id < b._id ? 1 : -1))[0] ?? null;
}

/** A case, with the given facts, judged through the referral it would be returned by. */
async function judgeCase(ctx: Context, caseId: string, kase: CaseFacts, on: Date, fresh = false) {
  const referral = await returnReferralOf(ctx, caseId, fresh);
  const states = await judgeAtSender(ctx, referral && fromRecord(referral), kase, on);
  return { referralId: referral?._id, states };
}

/** `Case.returnReadiness`. */
export async function caseReadiness(ctx: Context, kase: Case, on: Date): Promise<ReturnReadiness> {
  const { referralId, states } = await judgeCase(ctx, kase.id, caseFacts(kase)!, on);
  return readiness(referralId, on, states);
}

const SENDER_READINESS_QUERY = `
  query SenderReturnReadiness($code: ID!, $id: ID!, $on: DateTimeISO) {
    country(code: $code) {
      referral(id: $id) { returnReadiness(on: $on, heldBy: SENDER) { conditions { condition met } } }
    }
  }`;

interface SenderReadinessResult {
  country: {
    referral: {
      returnReadiness: { conditions: Array<{ condition: ReturnCondition; met: boolean }> } | null;
    } | null;
  } | null;
}

/**
 * Judged by the receiver: the conditions the sender holds as the sender reports them (asked through the
 * gateway as this country's service identity, for those conditions only), the receiver's own from its
 * store or the response it is about to write.
 */
async function judgeAtReceiver(
  ctx: Context,
  referralId: string,
  sender: string,
  on: Date,
  response: ResponseFacts | null,
): Promise<ConditionState[]> {
  let result: SenderReadinessResult;
  try {
    const senderCountry = findEnabledCountry(sender);
    if (!senderCountry) throw notFound(referralId, ctx);
    result = await ctx.federation.asService<SenderReadinessResult>(
      senderCountry,
      SENDER_READINESS_QUERY,
      { code: sender, id: referralId, on: on.toISOString() },
      "referrals:read",
      ctx.deadline,
    );
  } catch (error) {
    const code = error instanceof GraphQLError ? error.extensions.code : undefined;
    if (code === "FORBIDDEN" || code === "NOT_FOUND") throw notFound(referralId, ctx);
    throw error; // the sender cannot confirm, so nothing moves
  }
  const reported = result.country?.referral?.returnReadiness?.conditions;
  if (!reported) throw notFound(referralId, ctx);
  const atSender = new Map(reported.map((c) => [c.condition, c.met]));
  return judgeReturn({ on, referral: null, case: null, response }).map((state) =>
    state.holder === Holder.RECEIVER ? state : { ...state, met: atSender.get(state.condition) === true },
  );
}

const notFound = (id: string, ctx: Context) =>
  new NotFoundError(`No referral '${id}' with ${ctx.country.name} as a party exists at its sender.`);

const WHAT: Record<ChildMove["kind"], string> = {
  CASE_RETURNED: "Moving the case to RETURNED",
  HANDED_OVER: "Recording HANDED_OVER",
  RECEIVED: "Recording RECEIVED",
  RETURN_PLAN: "A return plan",
};

/** The return gate: every move of a child checked against RETURN_CONDITIONS before anything is written. */
export const returnGate: ReturnGate = async (ctx, move) => {
  let referralId: string | undefined;
  let states: ConditionState[];
  // Read from the store, not the request's loaders: an earlier field of the same request may have changed it.
  if (move.kind === "CASE_RETURNED") {
    // The stage it moves from, and the safeguards as the same update writes them.
    const facts = { stage: move.stage, ...move.safeguards };
    ({ referralId, states } = await judgeCase(ctx, move.caseId, facts, new Date(), true));
  } else {
    const { id, sender } = parseReferralId(move.referralId);
    referralId = id;
    if (sender === ctx.country.code) {
      const record = await ctx.store.Referral.findById(id).lean<ReferralRecord>();
      if (!record) throw new NotFoundError(`No referral '${id}' sent by ${ctx.country.name}.`);
      const kase = caseFacts(await ctx.store.Case.findById(record.caseId).lean<CaseRecord>());
      states = await judgeAtSender(ctx, fromRecord(record), kase, move.on);
    } else {
      // The receiver's own half: the response it is about to write, or the one it holds.
      const response =
        move.kind === "RETURN_PLAN"
          ? move.response
          : responseFacts(await ctx.store.Response.findById(id).lean<ResponseRecord>());
      states = await judgeAtReceiver(ctx, id, sender, move.on, response);
    }
  }
  const unmet = states.filter((s) => !s.met);
  if (unmet.length) throw new ReturnNotSafeError(WHAT[move.kind], referralId, unmet);
};
