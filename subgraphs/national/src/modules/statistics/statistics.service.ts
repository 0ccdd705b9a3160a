import mongoose from "mongoose";
import { CountryEntry } from "../../../../../schema/countries";
import { COUNTRIES } from "../../../../../schema/countries";
import { ENABLED_COUNTRIES } from "../../../../../schema/registry";
import { BadUserInputError } from "../../../../shared/src/errors";
import { Context } from "../../context.type";
import { AgeBand, CaseStage, Sex, TargetGroup } from "../case/case.enums";
import { CaseRecord } from "../case/case.model";
import { ReferralPurpose } from "../referral/referral.enums";
import { ReferralRecord } from "../referral/referral.model";
import { Decision } from "../response/response.enums";
import { ResponseRecord } from "../response/response.model";
import { ReturnEventKind } from "../return-event/return-event.enums";
import { ReturnEventRecord } from "../return-event/return-event.model";
import { exactTable, protectAcrossPeriods, protectTable, ProtectedTable } from "./disclosure-control";
import { Period, quartersOf, StatisticsPeriodInput, toPeriod, within } from "./period";
import { CountryStatistics, StatMedian, StatTable } from "./statistics.type";

/** Medians are published only when at least this many cases stand behind them. */
export const MEDIAN_MINIMUM = 10;

interface Facts {
  cases: CaseRecord[];
  referrals: ReferralRecord[];
  responses: ResponseRecord[];
  events: ReturnEventRecord[];
}

/** A table: its axes and how a record of the period falls into a cell (or nowhere). */
interface TableDefinition {
  name: string;
  title: string;
  rows: string[];
  columns: string[];
  cellsOf(facts: Facts, period: Period): Array<[number, number]>;
}

const ALL = ["ALL"];
const at = (values: readonly string[], value: unknown) => values.indexOf(String(value));

function oneWay(
  name: string,
  title: string,
  columns: string[],
  cellOf: (facts: Facts, period: Period) => Array<number>,
): TableDefinition {
  return {
    name,
    title,
    rows: ALL,
    columns,
    cellsOf: (facts, period) =>
      cellOf(facts, period)
        .filter((j) => j >= 0)
        .map((j) => [0, j]),
  };
}

/** The figures each country publishes; the same definitions for every country, from its own store. */
function tableDefinitions(country: CountryEntry): TableDefinition[] {
  const counterparts = ENABLED_COUNTRIES.filter((c) => c.code !== country.code).map((c) => c.code);
  const nationalities = [...COUNTRIES.map((c) => c.code), "OTHER", "UNKNOWN"];
  const casesIn = (facts: Facts, period: Period) => facts.cases.filter((c) => within(c.identifiedOn, period));
  const eventKinds = Object.values(ReturnEventKind).filter((k) => k !== ReturnEventKind.CORRECTION);
  return [
    oneWay("casesByTargetGroup", "Children identified, by target group", Object.values(TargetGroup), (f, p) =>
      casesIn(f, p).map((c) => at(Object.values(TargetGroup), c.targetGroup)),
    ),
    oneWay("casesByStage", "Children identified, by current stage", Object.values(CaseStage), (f, p) =>
      casesIn(f, p).map((c) => at(Object.values(CaseStage), c.stage)),
    ),
    oneWay("casesBySex", "Children identified, by sex", Object.values(Sex), (f, p) =>
      casesIn(f, p).map((c) => at(Object.values(Sex), c.sex)),
    ),
    oneWay("casesByAgeBand", "Children identified, by age band", Object.values(AgeBand), (f, p) =>
      casesIn(f, p).map((c) => at(Object.values(AgeBand), c.ageBand)),
    ),
    oneWay("casesByNationality", "Children identified, by nationality", nationalities, (f, p) =>
      casesIn(f, p).map((c) => {
        if (!c.nationality) return at(nationalities, "UNKNOWN");
        const known = at(nationalities, c.nationality);
        return known >= 0 ? known : at(nationalities, "OTHER");
      }),
    ),
    {
      name: "referralsSent",
      title: "Referrals sent, by receiving country and purpose",
      rows: counterparts,
      columns: Object.values(ReferralPurpose),
      cellsOf: (f, p) =>
        f.referrals
          .filter((r) => within(r.sentAt, p))
          .map((r) => [at(counterparts, r.to), at(Object.values(ReferralPurpose), r.purpose)]),
    },
    {
      name: "referralsAnswered",
      title: "Referrals received and answered, by sending country and decision",
      rows: counterparts,
      columns: Object.values(Decision),
      cellsOf: (f, p) =>
        f.responses
          .filter((r) => within(r.firstRespondedAt, p))
          .map((r) => [at(counterparts, r.from), at(Object.values(Decision), r.decision)]),
    },
    oneWay(
      "bestInterestsConclusions",
      "Risk assessments concluded: return in the child's best interests?",
      ["RETURN", "LOCAL_SOLUTION"],
      (f, p) =>
        f.responses
          .map((r) => r.riskAssessment as { completedOn?: Date; returnInBestInterests?: boolean } | null)
          .filter((assessment) => within(assessment?.completedOn, p))
          .map((assessment) => (assessment?.returnInBestInterests ? 0 : 1)),
    ),
    oneWay("returnSteps", "Return and reintegration steps recorded", eventKinds, (f, p) =>
      f.events.filter((e) => within(e.occurredAt, p)).map((e) => at(eventKinds, e.kind)),
    ),
  ];
}

function countsOf(definition: TableDefinition, facts: Facts, period: Period): number[][] {
  const counts = definition.rows.map(() => definition.columns.map(() => 0));
  for (const [i, j] of definition.cellsOf(facts, period)) if (i >= 0 && j >= 0) counts[i][j]++;
  return counts;
}

const DAY = 86_400_000;

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function medians(facts: Facts, period: Period, exact: boolean): StatMedian[] {
  const caseById = new Map(facts.cases.map((c) => [c._id.toHexString(), c]));
  const eventsByReferral = new Map<string, ReturnEventRecord[]>();
  for (const e of facts.events)
    eventsByReferral.set(e.referralId, [...(eventsByReferral.get(e.referralId) ?? []), e]);
  const days = (from?: Date | null, to?: Date | null) =>
    from && to ? (to.getTime() - from.getTime()) / DAY : undefined;
  const series: Array<[string, string, Array<number | undefined>]> = [
    [
      "identificationToReferral",
      "Days from identification to referral (referrals sent)",
      facts.referrals
        .filter((r) => within(r.sentAt, period))
        .map((r) => days(caseById.get(r.caseId.toHexString())?.identifiedOn, r.sentAt)),
    ],
    [
      "referralToDecision",
      "Days from referral to first answer (referrals received)",
      facts.responses
        .filter((r) => within(r.firstRespondedAt, period))
        .map((r) => days(r.referralSentAt, r.firstRespondedAt)),
    ],
    [
      "decisionToReturn",
      "Days from acceptance to reception (returns received)",
      facts.responses.map((r) => {
        const received = (eventsByReferral.get(r._id) ?? []).find(
          (e) => e.kind === ReturnEventKind.RECEIVED && within(e.occurredAt, period),
        );
        return received ? days(r.acceptedAt as Date | null, received.occurredAt) : undefined;
      }),
    ],
  ];
  return series.map(([name, title, raw]) => {
    const values = raw.filter((v): v is number => v !== undefined && v >= 0);
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

async function loadFacts(ctx: Context, year: number): Promise<Facts> {
  const range = mongoose.trusted({
    $gte: new Date(Date.UTC(year, 0, 1)),
    $lt: new Date(Date.UTC(year + 1, 0, 1)),
  });
  const { store } = ctx;
  const own = ctx.country.code;
  const [cases, referrals, responses, events] = await Promise.all([
    // Cases are needed beyond the year only to time referrals sent this year.
    store.Case.find(
      {},
      { identifiedOn: 1, targetGroup: 1, stage: 1, sex: 1, ageBand: 1, nationality: 1 },
    ).lean<CaseRecord[]>(),
    store.Referral.find({ sentAt: range }, { sentAt: 1, to: 1, purpose: 1, caseId: 1 }).lean<
      ReferralRecord[]
    >(),
    store.Response.find(
      {},
      { from: 1, decision: 1, firstRespondedAt: 1, riskAssessment: 1, referralSentAt: 1, acceptedAt: 1 },
    ).lean<ResponseRecord[]>(),
    store.ReturnEvent.find(
      { recordedBy: own, occurredAt: range },
      { kind: 1, occurredAt: 1, referralId: 1 },
    ).lean<ReturnEventRecord[]>(),
  ]);
  return { cases, referrals, responses, events };
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
  const principal = ctx.authorize("readStatistics");
  const exact = principal.role === "NCP_OFFICER" && principal.country === ctx.country.code;
  const period = toPeriod(input);
  if (!exact && period.month) {
    throw new BadUserInputError(
      "monthly figures are given only to the country's own NCP officers; ask for a quarter or a year",
      "period.month",
    );
  }
  const threshold = ctx.config.disclosureThreshold;
  const facts = await loadFacts(ctx, period.year);
  const tables = tableDefinitions(ctx.country).map((definition) => {
    const counts = countsOf(definition, facts, period);
    if (exact) return toStatTable(definition, exactTable(counts));
    if (period.quarter) return toStatTable(definition, protectTable(counts, threshold));
    const quarters = quartersOf(period.year).map((q) =>
      protectTable(countsOf(definition, facts, q), threshold),
    );
    return toStatTable(definition, protectAcrossPeriods(counts, quarters, threshold));
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
