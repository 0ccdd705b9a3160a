import { registerEnumType } from "type-graphql";

/** What a referral's receiver owes, and by when (docs/referrals.md, "Deadlines"). */
export enum DeadlineKind {
  ACKNOWLEDGEMENT = "ACKNOWLEDGEMENT",
  DECISION = "DECISION",
  RISK_ASSESSMENT = "RISK_ASSESSMENT",
  FOLLOW_UP_3_MONTHS = "FOLLOW_UP_3_MONTHS",
  FOLLOW_UP_6_MONTHS = "FOLLOW_UP_6_MONTHS",
  FOLLOW_UP_12_MONTHS = "FOLLOW_UP_12_MONTHS",
}

registerEnumType(DeadlineKind, { name: "DeadlineKind" });

export interface DeadlineState {
  kind: DeadlineKind;
  dueAt: Date;
  /** When it was met, if it was. */
  metAt?: Date;
  overdue: boolean;
}

/** What the deadlines of one referral are judged on: the sender's referral and both countries' records. */
export interface DeadlineFacts {
  status: string;
  sentAt: Date;
  acknowledgementDueAt: Date;
  decisionDueAt: Date;
  /** Only for purposes whose receiver owes a risk assessment. */
  riskAssessmentDueAt?: Date;
  response?: {
    decision: string;
    firstRespondedAt: Date;
    /** When the decision became final (accepted or declined), as far as known. */
    decidedAt?: Date;
    riskAssessmentCompletedOn?: Date;
  };
  /** Both countries' return events. */
  events: ReadonlyArray<{ kind: string; occurredAt: Date }>;
}

const FOLLOW_UPS: Array<[DeadlineKind, number]> = [
  [DeadlineKind.FOLLOW_UP_3_MONTHS, 3],
  [DeadlineKind.FOLLOW_UP_6_MONTHS, 6],
  [DeadlineKind.FOLLOW_UP_12_MONTHS, 12],
];

const addMonths = (date: Date, months: number) => {
  const due = new Date(date);
  due.setUTCMonth(due.getUTCMonth() + months);
  return due;
};

const earliest = (events: DeadlineFacts["events"], kind: string) =>
  events
    .filter((e) => e.kind === kind)
    .map((e) => e.occurredAt)
    .sort((a, b) => a.getTime() - b.getTime())[0];

/**
 * Every deadline of a referral, computed on read. The answer's deadlines run while the referral is SENT;
 * a withdrawn referral owes nothing; the reintegration follow-ups run from the child's reception for 12
 * months, whether or not the sender has closed the referral since.
 */
export function deadlinesOf(facts: DeadlineFacts, now: Date): DeadlineState[] {
  if (facts.status === "WITHDRAWN") return [];
  const open = facts.status === "SENT";
  const state = (kind: DeadlineKind, dueAt: Date, metAt: Date | undefined, running: boolean) => ({
    kind,
    dueAt,
    metAt,
    overdue: running && !metAt && now.getTime() > dueAt.getTime(),
  });
  const { response } = facts;
  const decided = response && ["ACCEPTED", "DECLINED"].includes(response.decision);
  const deadlines: DeadlineState[] = [
    state(DeadlineKind.ACKNOWLEDGEMENT, facts.acknowledgementDueAt, response?.firstRespondedAt, open),
    state(
      DeadlineKind.DECISION,
      facts.decisionDueAt,
      decided ? (response.decidedAt ?? response.firstRespondedAt) : undefined,
      open,
    ),
  ];
  if (facts.riskAssessmentDueAt) {
    deadlines.push(
      state(
        DeadlineKind.RISK_ASSESSMENT,
        facts.riskAssessmentDueAt,
        response?.riskAssessmentCompletedOn,
        open && response?.decision !== "DECLINED",
      ),
    );
  }
  const received = earliest(facts.events, "RECEIVED");
  if (received) {
    for (const [kind, months] of FOLLOW_UPS) {
      deadlines.push(state(kind, addMonths(received, months), earliest(facts.events, kind), true));
    }
  }
  return deadlines;
}
