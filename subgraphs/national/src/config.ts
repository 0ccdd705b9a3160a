import { CountryEntry } from "#schema/countries";
import { findEnabledCountry, enabledCodes, nationalSubgraphName, portPlan } from "#schema/registry";
import { keysDirOf, portEnv, positiveIntEnv, requiredEnv } from "#core";

export interface NationalConfig {
  readonly country: CountryEntry;
  readonly port: number;
  readonly mongoUri: string;
  readonly keysDir: string;
  /** The federation gateway, through which this subgraph reads what other countries hold. */
  readonly gatewayUrl: string;
  /** Counts from 1 to this minus one are suppressed in disclosure-controlled statistics. */
  readonly disclosureThreshold: number;
  /** Hours the receiver has to acknowledge a referral. */
  readonly acknowledgementHours: { readonly URGENT: number; readonly NORMAL: number };
  /** Days the receiver has, from sending, to decide (accept or decline) and to complete a risk assessment. */
  readonly decisionDays: number;
  readonly riskAssessmentDays: number;
  /** Months after a referral is withdrawn or closed before its profile is erased; how often to look. */
  readonly retentionMonths: number;
  readonly retentionSweepMs: number;
  /** The longest wait between two deliveries of a doorbell the counterpart has not received. */
  readonly doorbellRetryMaxMs: number;
  /** Doorbells received from one country in a minute, at most (a burst of as many). */
  readonly doorbellRingsPerMinute: number;
  /** How long the country's contact points are kept between store reads (0: not kept). */
  readonly contactPointsCacheMs: number;
  /** How long disclosure-controlled figures are kept, per period, for callers other than the owner (0: not kept). */
  readonly statisticsCacheMs: number;
  /** Test use only: a file that receives every store command (see connectStore). */
  readonly storeQueryLog?: string;
}

function durationEnv(unit: "seconds" | "minutes" | "hours" | "days" | "months") {
  return (name: string, fallback: number, env: NodeJS.ProcessEnv): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0)
      throw new Error(`${name} must be a positive number of ${unit}, got '${raw}'.`);
    return value;
  };
}
const hoursEnv = durationEnv("hours");
const daysEnv = durationEnv("days");
const monthsEnv = durationEnv("months");
const minutesEnv = durationEnv("minutes");
const secondsEnv = durationEnv("seconds");

function cacheMs(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number of milliseconds, 0 or more, got '${raw}'.`);
  return value;
}

/** Reads and validates the deployment's configuration once: which country this instance serves, and where. */
export function readNationalConfig(env: NodeJS.ProcessEnv = process.env): NationalConfig {
  const code = requiredEnv("COUNTRY", env);
  const country = findEnabledCountry(code);
  if (!country) {
    throw new Error(`COUNTRY='${code}' is not an enabled country; enabled: ${enabledCodes().join(", ")}.`);
  }
  const plan = portPlan();
  return {
    country,
    port: portEnv("PORT", plan.national(country), env),
    // No default: every store has a login of its own (`npm start` passes the embedded store's).
    mongoUri: requiredEnv("MONGODB_URI", env),
    keysDir: keysDirOf(nationalSubgraphName(country), env),
    gatewayUrl: env.GATEWAY_URL?.trim() || `http://127.0.0.1:${plan.gateway}/graphql`,
    disclosureThreshold: Math.max(2, Math.round(hoursEnv("DISCLOSURE_THRESHOLD", 5, env))),
    acknowledgementHours: {
      URGENT: hoursEnv("ACK_DEADLINE_URGENT_HOURS", 48, env),
      NORMAL: hoursEnv("ACK_DEADLINE_NORMAL_HOURS", 7 * 24, env),
    },
    decisionDays: daysEnv("DECISION_DEADLINE_DAYS", 30, env),
    riskAssessmentDays: daysEnv("RISK_ASSESSMENT_DEADLINE_DAYS", 60, env),
    retentionMonths: monthsEnv("RETENTION_MONTHS", 24, env),
    retentionSweepMs: minutesEnv("RETENTION_SWEEP_MINUTES", 60, env) * 60_000,
    doorbellRetryMaxMs: secondsEnv("DOORBELL_RETRY_MAX_SECONDS", 300, env) * 1_000,
    doorbellRingsPerMinute: positiveIntEnv("DOORBELL_RINGS_PER_MINUTE", 120, "doorbells", env),
    contactPointsCacheMs: cacheMs("CONTACT_POINTS_CACHE_MS", 5_000, env),
    statisticsCacheMs: cacheMs("STATISTICS_CACHE_MS", 60_000, env),
    storeQueryLog: env.STORE_QUERY_LOG?.trim() || undefined,
  };
}
