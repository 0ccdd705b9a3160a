import mongoose from "mongoose";
import { BadUserInputError, DeadlineExceededError, timeLeft } from "#core";
import { Context } from "../../context.type";
import { ReturnEventKind } from "../return-event/return-event.enums";
import { CASE_TABLES, CaseCountRecord, NO_VALUE } from "../case/case-counts";
import { Period, StatisticsPeriodInput, toPeriod } from "./period";
import { CountryStatistics, StatMedian } from "./statistics.type";
import { Bucket, Duration, exactTables, monthsOf, protectYear, tableDefinitions, YearFacts } from "./tables";

/** Medians are published only when at least this many cases stand behind them. */
export const MEDIAN_MINIMUM = 10;

const DAY = 86_400_000;

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const MEDIANS: Array<[string, string]> = [
  ["identificationToReferral", "Days from identification to referral (referrals sent)"],
  ["referralToDecision", "Days from referral to first answer (referrals received)"],
  ["decisionToReturn", "Days from acceptance to reception (returns received)"],
];

function medians(facts: YearFacts, period: Period, exact: boolean): StatMedian[] {
  const inPeriod = monthsOf(period);
  return MEDIANS.map(([name, title]) => {
    const values = (facts.durations[name] ?? [])
      .filter((d) => inPeriod(d.month) && d.days >= 0)
      .map((d) => d.days);
    const enough = values.length >= MEDIAN_MINIMUM;
    const value = median(values);
    return exact
      ? {
          name,
          title,
          days: value === null ? null : Math.round(value * 10) / 10,
          suppressed: false,
          cases: values.length,
        }
      : {
          name,
          title,
          days: enough && value !== null ? Math.round(value * 10) / 10 : null,
          suppressed: !enough,
          cases: null,
        };
  });
}

/** `$group` of the records matched, by month of `dateField` and the given row and column expressions. */
const countBy = (dateField: string, column: string, row?: string) => [
  {
    $group: {
      _id: { month: { $month: `$${dateField}` }, column, ...(row ? { row } : {}) },
      n: { $sum: 1 },
    },
  },
];

type Grouped = { _id: { month: number; row?: unknown; column: unknown }; n: number };

/** One dimension of the monthly case counts, as buckets; a case without a value counts as null. */
const caseBuckets = (months: CaseCountRecord[], field: string): Bucket[] =>
  months.flatMap(({ month, counts }) =>
    Object.entries<number>(counts[field] ?? {}).map(([value, n]) => ({
      month,
      column: value === NO_VALUE ? null : value,
      n,
    })),
  );
const buckets = (rows: Grouped[]): Bucket[] => rows.map(({ _id, n }) => ({ ..._id, n }));

/**
 * Days from one date of each record to another, gathered per month of the second in the store (twelve
 * documents travel, not one per record); records lacking either date are left out.
 */
const durationsBy = (from: string, to: string) => [
  { $match: { [from]: { $ne: null } } },
  {
    $project: {
      _id: 0,
      month: { $month: `$${to}` },
      days: { $divide: [{ $subtract: [`$${to}`, `$${from}`] }, DAY] },
    },
  },
  { $group: { _id: "$month", days: { $push: "$days" } } },
];

const durations = (rows: Array<{ _id: number; days: number[] }>): Duration[] =>
  rows.flatMap(({ _id: month, days }) => days.map((d) => ({ month, days: d })));

/**
 * Counts a year in the store: the case tables from the monthly counts kept with every case write, the rest
 * with aggregation pipelines that each start from an indexed date range (referrals, answers and return
 * steps are a tenth of the cases or fewer). A year costs the same however many years the store holds, and
 * only counts and durations leave the store.
 */
async function loadYear(ctx: Context, year: number): Promise<YearFacts> {
  const range = mongoose.trusted({
    $gte: new Date(Date.UTC(year, 0, 1)),
    $lt: new Date(Date.UTC(year + 1, 0, 1)),
  });
  const { CaseCount, Referral, Response, ReturnEvent } = ctx.store;
  const own = ctx.country.code;
  // The store stops each pipeline when the caller stops waiting for the answer.
  const maxTimeMS = timeLeft(ctx.deadline);
  const bounded = <T>(aggregate: mongoose.Aggregate<T>) => aggregate.option({ maxTimeMS });
  const [cases, sent, answered, concluded, steps, referralTimes, answerTimes, returnTimes] =
    await Promise.all([
      // Cases are counted as they are written (case-counts.ts): twelve documents for a year.
      CaseCount.find({ year }).maxTimeMS(maxTimeMS).lean<CaseCountRecord[]>(),
      bounded(
        Referral.aggregate<Grouped>([{ $match: { sentAt: range } }, ...countBy("sentAt", "$purpose", "$to")]),
      ),
      bounded(
        Response.aggregate<Grouped>([
          { $match: { firstRespondedAt: range } },
          ...countBy("firstRespondedAt", "$decision", "$from"),
        ]),
      ),
      bounded(
        Response.aggregate<Grouped>([
          { $match: { "riskAssessment.completedOn": range } },
          ...countBy("riskAssessment.completedOn", "$riskAssessment.returnInBestInterests"),
        ]),
      ),
      bounded(
        ReturnEvent.aggregate<Grouped>([
          { $match: { recordedBy: own, occurredAt: range } },
          ...countBy("occurredAt", "$kind"),
        ]),
      ),
      // The identification date travels with the referral (caseIdentifiedOn), the sending date with
      // the answer; a reception is timed from the acceptance in the answer, looked up per reception.
      bounded(
        Referral.aggregate([{ $match: { sentAt: range } }, ...durationsBy("caseIdentifiedOn", "sentAt")]),
      ),
      bounded(
        Response.aggregate([
          { $match: { firstRespondedAt: range } },
          ...durationsBy("referralSentAt", "firstRespondedAt"),
        ]),
      ),
      bounded(
        ReturnEvent.aggregate([
          { $match: { recordedBy: own, kind: ReturnEventKind.RECEIVED, occurredAt: range } },
          // One reception per referral: the first recorded in the year.
          { $group: { _id: "$referralId", received: { $min: "$occurredAt" } } },
          {
            $lookup: {
              from: Response.collection.name,
              localField: "_id",
              foreignField: "_id",
              as: "response",
            },
          },
          { $project: { received: 1, acceptedAt: { $first: "$response.acceptedAt" } } },
          ...durationsBy("acceptedAt", "received"),
        ]),
      ),
    ]).catch((error) => {
      // MaxTimeMSExpired: the store stopped at the deadline.
      throw (error as { code?: number }).code === 50 ? new DeadlineExceededError() : error;
    });
  return {
    counts: {
      ...Object.fromEntries(
        Object.entries(CASE_TABLES).map(([table, field]) => [table, caseBuckets(cases, field)]),
      ),
      referralsSent: buckets(sent),
      referralsAnswered: buckets(answered),
      bestInterestsConclusions: buckets(concluded),
      returnSteps: buckets(steps),
    },
    durations: {
      identificationToReferral: durations(referralTimes),
      referralToDecision: durations(answerTimes),
      decisionToReturn: durations(returnTimes),
    },
  };
}

/**
 * A country's figures for one calendar period. Disclosure-controlled for everyone but the country's own
 * NCP officers: the year and its quarters are protected together (tables.ts, docs/statistics.md), and
 * the period asked for is served from that one pattern, so that no answers about a year, put side by
 * side, solve a suppressed figure.
 */
export async function countryStatistics(
  ctx: Context,
  input: StatisticsPeriodInput,
): Promise<CountryStatistics> {
  const principal = ctx.principal();
  const exact = principal.role === "NCP_OFFICER" && principal.country === ctx.country.code;
  const period = toPeriod(input);
  if (!exact && period.month) {
    throw new BadUserInputError(
      "monthly figures are given only to the country's own NCP officers; ask for a quarter or a year",
      "period.month",
    );
  }
  const compute = async (): Promise<CountryStatistics> => {
    const facts = await loadYear(ctx, period.year);
    // The store's part may have used the caller's time up: the protection is not started for no one.
    timeLeft(ctx.deadline);
    const definitions = tableDefinitions(ctx.country);
    const tables = exact
      ? exactTables(definitions, facts, period)
      : protectYear(definitions, facts, period.year, ctx.config.disclosureThreshold).find(
          (p) => p.period.label === period.label,
        )!.tables;
    return {
      country: ctx.country.code,
      period,
      exact,
      threshold: ctx.config.disclosureThreshold,
      medianMinimum: MEDIAN_MINIMUM,
      tables,
      medians: medians(facts, period, exact),
    };
  };
  // The owner's officers see their figures as they are now; everyone else's are the same for a period,
  // so many callers asking for it cost one computation a STATISTICS_CACHE_MS.
  return exact ? compute() : ctx.store.statistics.get(period.label, compute);
}
