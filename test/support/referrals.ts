import { findCountry, mutationNamespace } from "#schema/registry";
import { LocalFederation } from "../../scripts/federation/federation";
import { openCountryStore } from "../../subgraphs/national/src/assembly";
import { graphql, GraphQLResponse } from "./graphql";

/** Shared fixtures for the referral tests: a trafficked 15-year-old Lithuanian girl identified in Sweden. */
export const CASE_INPUT = {
  targetGroups: ["TRAFFICKED"],
  exploitationForms: ["FORCED_LABOUR"],
  sex: "FEMALE",
  birthYear: 2011,
  ageBand: "AGE_15_17",
  ageDisputed: false,
  nationality: "LT",
  identifiedOn: "2026-01-10T00:00:00.000Z",
  carePlacement: "Specialised shelter, Malmo",
  needs: ["psychological support", "interpreter (lt)"],
  // The safeguards of a return are in place by default; the return-gate tests take them away one by one.
  guardian: {
    name: "Anna Guardian",
    organisation: "Malmo social services",
    appointedOn: "2026-01-12T00:00:00.000Z",
  },
  childViews: {
    heardOn: "2026-02-01T00:00:00.000Z",
    onReturn: "WISHES_TO_RETURN",
    statement: "She wants to go home to her mother.",
    language: "lt",
    withInterpreter: true,
  },
};

export const RISK_ASSESSMENT_PROFILE = {
  sex: "FEMALE",
  ageBand: "AGE_15_17",
  nationality: "LT",
  targetGroups: ["TRAFFICKED"],
  riskFactors: "Recruited through an online job offer; the recruiter may know the family's address.",
  familyContacts: "Mother, Kaunas district; telephone known to the Swedish police.",
};

export const RESPONSE_FIELDS = `referralId decision declineReason version firstRespondedAt respondedBy { code }
  familyTracing { outcome summary } riskAssessment { completedOn returnInBestInterests summary }
  returnPlan { plannedDate receivingPlacement escort } reintegrationSupport { kind description startedOn }`;

export const REFERRAL_FIELDS = `id from { code } to { code } purpose urgency status sentAt acknowledgementDueAt version
  profile { sex ageBand nationality targetGroups riskFactors familyContacts givenName } history { status by }`;

const EVENT_FIELDS = "id referralId kind occurredAt recordedAt recordedBy { code } notes corrects";

/** The mutations of one country's namespace, as a client of that country would send them. */
export function mutations(code: string) {
  const ns = mutationNamespace(findCountry(code)!);
  return {
    namespace: ns,
    createCase: `mutation($input: CaseInput!, $linkedReferralId: ID) {
      ${ns} { createCase(input: $input, linkedReferralId: $linkedReferralId) { id stage version allowedNextStages linkedReferralId } } }`,
    updateCase: `mutation($id: ID!, $version: Int!, $input: CaseUpdateInput!) {
      ${ns} { updateCase(id: $id, version: $version, input: $input) { id stage version allowedNextStages } } }`,
    sendReferral: `mutation($input: SendReferralInput!) { ${ns} { sendReferral(input: $input) { ${REFERRAL_FIELDS} } } }`,
    changeReferralStatus: `mutation($id: ID!, $version: Int!, $status: ReferralStatus!, $note: String) {
      ${ns} { changeReferralStatus(id: $id, version: $version, status: $status, note: $note) { id status version history { status } } } }`,
    respondToReferral: `mutation($referralId: ID!, $version: Int!, $input: ReferralResponseInput!) {
      ${ns} { respondToReferral(referralId: $referralId, version: $version, input: $input) { ${RESPONSE_FIELDS} } } }`,
    recordReturnEvent: `mutation($referralId: ID!, $input: ReturnEventInput!) {
      ${ns} { recordReturnEvent(referralId: $referralId, input: $input) { ${EVENT_FIELDS} } } }`,
    sendReferralMessage: `mutation($referralId: ID!, $input: ReferralMessageInput!) {
      ${ns} { sendReferralMessage(referralId: $referralId, input: $input) { id referralId writtenBy { code } author body answerTo sentAt } } }`,
  };
}

export type MutationName = Exclude<keyof ReturnType<typeof mutations>, "namespace">;

/** Runs a mutation of `code`'s namespace; `ok` unwraps the result and fails loudly on any error. */
export async function mutate(
  url: string,
  token: string | undefined,
  code: string,
  name: MutationName,
  variables: Record<string, unknown>,
): Promise<GraphQLResponse> {
  return graphql(url, mutations(code)[name], { variables, token });
}

export function ok(response: GraphQLResponse, code: string, name: MutationName): any {
  if (response.errors?.length) throw new Error(`${name} failed: ${JSON.stringify(response.errors, null, 1)}`);
  return response.data[mutations(code).namespace][name];
}

export const FULL_REFERRAL_QUERY = `query($code: ID!, $id: ID!) {
  country(code: $code) {
    referral(id: $id) {
      ${REFERRAL_FIELDS}
      overdue acknowledgedAt
      response { ${RESPONSE_FIELDS} }
      timeline { ${EVENT_FIELDS} }
    }
  }
}`;

/** NCP officers of any country, acting through the gateway of a test federation. */
export function officersOf(federation: () => LocalFederation) {
  const officer = (code: string) => federation().tokenFor({ role: "NCP_OFFICER", country: code });
  const as = async (code: string, name: MutationName, variables: Record<string, unknown>) =>
    mutate(federation().gatewayUrl, await officer(code), code, name, variables);
  return {
    officer,
    /** A mutation by an officer of `code` in its own namespace. */
    as,
    /** The same, expected to succeed; returns its result. */
    succeed: async (code: string, name: MutationName, variables: Record<string, unknown>) =>
      ok(await as(code, name, variables), code, name),
    /** A query by an officer of `code`. */
    query: async (code: string, text: string, variables: Record<string, unknown> = {}) =>
      graphql(federation().gatewayUrl, text, { variables, token: await officer(code) }),
  };
}

let keyCounter = 0;
/** A fresh idempotency key. */
export const newKey = (prefix = "test") => `${prefix}-${Date.now()}-${++keyCounter}`;

const REFERRAL_TIMES = ["sentAt", "acknowledgementDueAt", "decisionDueAt", "riskAssessmentDueAt", "endedAt"];

/**
 * Time passing for one referral, without waiting for it: its sending, the deadlines counted from it and
 * its end, if it has ended, move `days` into the past in the sender's store, as if it had been sent then.
 */
export async function backdateReferral(
  federation: () => LocalFederation,
  referralId: string,
  days: number,
): Promise<void> {
  const sender = referralId.slice(0, 2);
  const store = await openCountryStore(federation().mongoUri(findCountry(sender)!), sender);
  try {
    const record = await store.Referral.findById(referralId).lean<Record<string, unknown>>();
    if (!record) throw new Error(`No referral ${referralId} in ${sender}'s store.`);
    const earlier = Object.fromEntries(
      REFERRAL_TIMES.filter((field) => record[field] != null).map((field) => [
        field,
        new Date(new Date(record[field] as Date).getTime() - days * 86_400_000),
      ]),
    );
    await store.Referral.updateOne({ _id: referralId }, { $set: earlier });
  } finally {
    await store.close();
  }
}
