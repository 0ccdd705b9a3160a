import mongoose from "mongoose";
import { Context } from "../../context.type";
import { countryRef } from "../country-ref";
import { newestFirst, REFERRAL_IDS } from "../pagination";
import { ReferralStatus } from "../referral/referral.enums";
import { toReferral } from "../referral/referral.mapper";
import { ReferralRecord } from "../referral/referral.model";
import { Referral } from "../referral/referral.type";
import { Deadline, ReferralAttention, ReferralAttentionConnection } from "./deadline.type";
import { deadlinesOf } from "./deadlines";

const DAY = 86_400_000;
const asDate = (value: unknown) => (value ? new Date(value as string | Date) : undefined);

/** A referral's deadlines, from the sender's referral and both countries' records. */
export async function referralDeadlines(ctx: Context, referral: Referral): Promise<Deadline[]> {
  const [own, counterpart] = await Promise.all([
    ctx.loaders.eventsByReferral.load(referral.id),
    ctx.loaders.counterpartRecords.load({ country: referral.to.code, referralId: referral.id }),
  ]);
  const { response } = counterpart;
  const { decisionDays } = ctx.config;
  const deadlines = deadlinesOf(
    {
      status: referral.status,
      sentAt: referral.sentAt,
      acknowledgementDueAt: referral.acknowledgementDueAt,
      // Referrals sent before these deadlines existed get them from today's settings.
      decisionDueAt: referral.decisionDueAt ?? new Date(referral.sentAt.getTime() + decisionDays * DAY),
      riskAssessmentDueAt: referral.riskAssessmentDueAt,
      response: response && {
        decision: response.decision,
        firstRespondedAt: response.firstRespondedAt,
        decidedAt: response.decidedAt,
        riskAssessmentCompletedOn: asDate(response.riskAssessment?.completedOn),
      },
      events: [...own, ...counterpart.events],
    },
    new Date(),
  );
  return deadlines.map((d) => ({ ...d, owedBy: referral.to }));
}

/**
 * The referrals this country sent that have something overdue, newest first: all of them for its own
 * principals, those addressed to the caller's country for another's. A page examines the `first` newest
 * referrals older than the shortest deadline and keeps those with something overdue; a receiver that cannot answer
 * is named in `unavailable`, and its referrals are left out rather than guessed.
 */
export async function attention(
  ctx: Context,
  first: number,
  after: string | undefined,
): Promise<ReferralAttentionConnection> {
  const principal = ctx.principal();
  // A referral younger than the shortest deadline has nothing overdue yet.
  const { acknowledgementHours, decisionDays, riskAssessmentDays } = ctx.config;
  const shortest = Math.min(
    acknowledgementHours.URGENT * 3_600_000,
    acknowledgementHours.NORMAL * 3_600_000,
    decisionDays * DAY,
    riskAssessmentDays * DAY,
  );
  const filter: Record<string, unknown> = {
    status: mongoose.trusted({ $in: [ReferralStatus.SENT, ReferralStatus.CLOSED] }),
    sentAt: mongoose.trusted({ $lt: new Date(Date.now() - shortest) }),
  };
  if (principal.country !== ctx.country.code) filter.to = principal.country;
  const page = await newestFirst<ReferralRecord, string>(
    ctx.store.Referral,
    filter,
    first,
    after,
    REFERRAL_IDS,
  );
  ctx.authorize("readReferrals", { recordIds: page.nodes.map((r) => r._id) });
  const unavailable = new Set<string>();
  const nodes: ReferralAttention[] = [];
  await Promise.all(
    page.nodes.map(async (record) => {
      const referral = toReferral(record);
      try {
        const overdue = (await referralDeadlines(ctx, referral)).filter((d) => d.overdue);
        if (overdue.length)
          nodes.push({ referralId: referral.id, from: referral.from, to: referral.to, overdue });
      } catch {
        unavailable.add(record.to);
      }
    }),
  );
  nodes.sort((a, b) => (a.referralId < b.referralId ? 1 : -1));
  return { nodes, pageInfo: page.pageInfo, unavailable: [...unavailable].sort().map(countryRef) };
}
