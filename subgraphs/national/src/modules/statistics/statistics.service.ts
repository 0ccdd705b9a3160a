import mongoose from "mongoose";
import { CountryEntry } from "../../../../../schema/countries";
import { COUNTRIES } from "../../../../../schema/countries";
import { ENABLED_COUNTRIES } from "../../../../../schema/registry";
import { BadUserInputError } from "../../../../shared/src/errors";
import { DeadlineExceededError, timeLeft } from "../../../../shared/src/deadline";
import { Context } from "../../context.type";
import { AgeBand, CaseStage, ExploitationForm, Sex, TargetGroup } from "../case/case.enums";
import { ReferralPurpose } from "../referral/referral.enums";
import { Decision } from "../response/response.enums";
import { ReturnEventKind } from "../return-event/return-event.enums";
import { CASE_TABLES, CaseCountRecord, NO_VALUE } from "../case/case-counts";
import { exactTable, protectAcrossPeriods, protectTable, ProtectedTable } from "./disclosure-control";
import { Period, quartersOf, StatisticsPeriodInput, toPeriod } from "./period";
import { CountryStatistics, StatMedian, StatTable } from "./statistics.type";

/** Medians are published only when at least this many cases stand behind them. */
export const MEDIAN_MINIMUM = 10;

/**
 * What the store answers for one year, already counted: for each table, a count per month (1 to 12), row
 * value and column value; for each median, one duration per record with the month it falls in. Every
 * period of that year (the year, a quarter, a month) is summed from these, so the store is asked once.
 */
interface YearFacts {
  counts: Record<string, Bucket[]>;
  durations: Record<string, Duration[]>;
}

interface Bucket {
  month: number;
  row?: unknown;
  column: unknown;
  n: number;
}

interface Duration {
  month: number;
  days: number;
}

/** A table: its axes, and how a counted bucket of the store falls into a cell (or nowhere: -1). */
interface TableDefinition {
  name: string;
  title: string;
  rows: string[];
  columns: string[];
  rowOf?: (value: unknown) => number;
  columnOf: (value: unknown) => number;
  /**
   * Counts values of a list (a child under each of its target groups), so its sum need not be the number
   * of children; disclosure control then keeps a small difference from showing (see `protect`).
   */
  memberships?: true;
}

const ALL = ["ALL"];
const sum = (counts: number[][]) => counts.flat().reduce((a, b) => a + b, 0);
const at = (values: readonly string[]) => (value: unknown) => values.indexOf(String(value));

/** The figures each country publishes; the same definitions for every country, from its own store. */
function tableDefinitions(country: CountryEntry): TableDefinition[] {
  const counterparts = ENABLED_COUNTRIES.filter((c) => c.code !== country.code).map((c) => c.code);
  const nationalities = [...COUNTRIES.map((c) => c.code), "OTHER", "UNKNOWN"];
  const eventKinds = Object.values(ReturnEventKind).filter((k) => k !== ReturnEventKind.CORRECTION);
  const oneWay = (
    name: string,
    title: string,
    columns: string[],
    columnOf = at(columns),
    memberships?: true,
  ): TableDefinition => ({
    name,
    title,
    rows: ALL,
    columns,
    columnOf,
    memberships,
  });
  return [
    oneWay(
      "casesByTargetGroup",
      "Children identified, by target group (a child in several groups counts in each)",
      Object.values(TargetGroup),
      undefined,
      true,
    ),
    oneWay(
      "casesByExploitationForm",
      "Children identified, by form of exploitation (a child may have suffered several)",
      Object.values(ExploitationForm),
      undefined,
      true,
    ),
    oneWay("casesByStage", "Children identified, by current stage", Object.values(CaseStage)),
    oneWay("casesBySex", "Children identified, by sex", Object.values(Sex)),
    oneWay("casesByAgeBand", "Children identified, by age band", Object.values(AgeBand)),
    oneWay("casesByNationality", "Children identified, by nationality", nationalities, (nationality) => {
      if (!nationality) return nationalities.indexOf("UNKNOWN");
      const known = nationalities.indexOf(String(nationality));
      return known >= 0 ? known : nationalities.indexOf("OTHER");
    }),
    {
      name: "referralsSent",
      title: "Referrals sent, by receiving country and purpose",
      rows: counterparts,
      columns: Object.values(ReferralPurpose),
      rowOf: at(counterparts),
      columnOf: at(Object.values(ReferralPurpose)),
    },
    {
      name: "referralsAnswered",
      title: "Referrals received and answered, by sending country and decision",
      rows: counterparts,
      columns: Object.values(Decision),
      rowOf: at(counterparts),
      columnOf: at(Object.values(Decision)),
    },
    oneWay(
      "bestInterestsConclusions",
      "Risk assessments concluded: return in the child's best interests?",
      ["RETURN", "LOCAL_SOLUTION"],
      (returnInBestInterests) => (returnInBestInterests ? 0 : 1),
    ),
    oneWay("returnSteps", "Return and reintegration steps recorded", eventKinds),
  ];
}

const monthsOf = (period: Period) => {
  const first = period.start.getUTCMonth() + 1;
  const last = period.end.getUTCFullYear() > period.year ? 12 : period.end.getUTCMonth();
  return (month: number) => month >= first && month <= last;
};

function countsOf(definition: TableDefinition, facts: YearFacts, period: Period): number[][] {
  const counts = definition.rows.map(() => definition.columns.map(() => 0));
  const inPeriod = monthsOf(period);
  for (const bucket of facts.counts[definition.name] ?? []) {
    if (!inPeriod(bucket.month)) continue;
    const i = definition.rowOf ? definition.rowOf(bucket.row) : 0;
    const j = definition.columnOf(bucket.column);
    if (i >= 0 && j >= 0) counts[i][j] += bucket.n;
  }
  return counts;
}

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

const toStatTable = (definition: TableDefinition, table: ProtectedTable): StatTable => ({
  name: definition.name,
  title: definition.title,
  rows: definition.rows,
  columns: definition.columns,
  ...table,
});

/**
 * A country's figures for one calendar period. Disclosure-controlled for everyone but the country's own
 * NCP officers; a year is protected consistently with its quarters so the two cannot be differenced.
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
  const threshold = ctx.config.disclosureThreshold;
  const facts = await loadYear(ctx, period.year);
  const definitions = tableDefinitions(ctx.country);
  const everyChild = definitions.find((d) => d.name === "casesByStage")!;
  // A table of list values whose sum is a few more or fewer than the children identified would tell how
  // many children have several values, or none: its sum is hidden then.
  const sumDiscloses = (definition: TableDefinition, counts: number[][], p: Period) => {
    if (!definition.memberships) return false;
    const gap = Math.abs(sum(counts) - sum(countsOf(everyChild, facts, p)));
    return gap > 0 && gap < threshold;
  };
  const tables = definitions.map((definition) => {
    const counts = countsOf(definition, facts, period);
    if (exact) return toStatTable(definition, exactTable(counts));
    // When the year's sum would disclose, it is hidden in every quarter too, whichever is asked for:
    // quarters whose gaps cancel could otherwise be added up to it.
    const year = toPeriod({ year: period.year } as StatisticsPeriodInput);
    const yearDiscloses = sumDiscloses(definition, countsOf(definition, facts, year), year);
    const protectQuarter = (q: Period, c: number[][]) =>
      protectTable(c, threshold, yearDiscloses || sumDiscloses(definition, c, q));
    if (period.quarter) return toStatTable(definition, protectQuarter(period, counts));
    const quarters = quartersOf(period.year).map((q) => protectQuarter(q, countsOf(definition, facts, q)));
    return toStatTable(definition, protectAcrossPeriods(counts, quarters, threshold, yearDiscloses));
  });
  return {
    country: ctx.country.code,
    period,
    exact,
    threshold,
    medianMinimum: MEDIAN_MINIMUM,
    tables,
    medians: medians(facts, period, exact),
  };
}
