import { DIRECTORY_SUBGRAPH, findCountry, nationalSubgraphName } from "#schema/registry";
import {
  ACCESS,
  PolicyName,
  Role,
  Scope,
  SCOPES,
  serviceKeyOf,
  signServiceToken,
  subgraphAudience,
} from "#core";
import { useSharedFederation } from "../support/federation";
import { graphql, GraphQLResponse } from "../support/graphql";
import { CASE_INPUT, mutate, ok, RISK_ASSESSMENT_PROFILE } from "../support/referrals";

/**
 * The access matrix, tested from the matrix itself: every policy of ACCESS, for every kind of caller, as
 * owner (SE), counterpart of a referral (LT) and unrelated country (PL), through the gateway plainly,
 * through aliases, fragments and batched entity references, and directly against the holder's subgraph
 * (Sweden's, or the Children's Unit's directory for the policies it holds).
 */
const federation = useSharedFederation();
const OWNER = "SE";
const COUNTERPART = "LT";

interface Caller {
  label: string;
  role?: Role;
  country?: string;
  scopes?: readonly Scope[];
  /** A national subgraph's own service credential (its keys folder's), not an identity provider's token. */
  service?: string;
}

const callers: Caller[] = [
  { label: "anonymous" },
  { label: "RFP analyst", role: "RFP_ANALYST" },
  { label: "RFP coordinator", role: "RFP_COORDINATOR" },
  ...["SE", "LT", "PL"].flatMap((country): Caller[] => [
    { label: `NCP officer of ${country}`, role: "NCP_OFFICER", country },
    {
      label: `national system of ${country} with every scope`,
      role: "NATIONAL_SYSTEM",
      country,
      scopes: SCOPES,
    },
    { label: `national system of ${country} without scopes`, role: "NATIONAL_SYSTEM", country, scopes: [] },
  ]),
  ...["SE", "LT"].map((country): Caller => {
    const credential = serviceKeyOf(nationalSubgraphName(findCountry(country)!));
    return {
      label: `${country}'s subgraph, under its service credential`,
      role: "NATIONAL_SYSTEM",
      country,
      scopes: credential.scopes,
      service: credential.service,
    };
  }),
];

/**
 * What each caller gets, written out by hand from the access matrix in docs/security.md, not computed from
 * the `ACCESS` table the code enforces: widening a policy in the code (dropping a scope, adding a role)
 * fails here. Columns: the callers above, in order (officer, national system with every scope, national
 * system without scopes, per country; then the subgraphs' service credentials). A allowed; F FORBIDDEN;
 * U UNAUTHENTICATED; N nothing, as if the record did not exist (a referral of other countries reads as
 * `null`, docs/security.md "No existence oracle").
 */
const MATRIX = `
  policy                    anon  analyst  coordinator  SE: off sys bare  LT: off sys bare  PL: off sys bare  SE-svc  LT-svc
  readNcpOnlyContactFields  U     F        F                A   A   A         A   A   A         A   A   A     A       A
  writeContactPoints        U     F        F                A   A   F         F   F   F         F   F   F     F       F
  writeNetwork              U     F        F                A   A   F         F   F   F         F   F   F     F       F
  readNetwork               U     A        A                A   A   A         A   A   A         A   A   A     A       A
  readRegionalActivities    U     A        A                A   A   A         A   A   A         A   A   A     A       A
  coordinateActivities      U     F        A                F   F   F         F   F   F         F   F   F     F       F
  readCases                 U     F        F                A   A   F         F   F   F         F   F   F     F       F
  writeCases                U     F        F                A   A   F         F   F   F         F   F   F     F       F
  readReferrals             U     F        F                A   A   F         A   A   F         N   N   F     A       A
  writeReferrals            U     F        F                A   A   F         F   F   F         F   F   F     F       F
  eraseReferralCopies       U     F        F                F   A   F         F   A   F         F   F   F     A       A
  ringDoorbell              U     F        F                F   F   F         F   F   F         F   F   F     F       A
  readNotifications         U     F        F                A   A   F         F   F   F         F   F   F     A       F
  manageWebhooks            U     F        F                F   A   F         F   F   F         F   F   F     F       F
  readAuditTrail            U     F        F                A   F   F         F   F   F         F   F   F     F       F
  readStatistics            U     A        F                A   A   A         A   A   A         A   A   A     A       A
  readAuditHead             U     A        F                A   A   A         A   A   A         A   A   A     A       A
`;

const MATRIX_ROWS = new Map(
  MATRIX.trim()
    .split("\n")
    .slice(1)
    .map((line) => {
      const [policy, ...letters] = line.trim().split(/\s+/);
      return [policy, letters] as const;
    }),
);

const OUTCOMES: Record<string, string> = {
  A: "ALLOWED",
  F: "FORBIDDEN",
  U: "UNAUTHENTICATED",
  N: "NOT VISIBLE",
};

function expected(policy: PolicyName, caller: Caller): string {
  const letters = MATRIX_ROWS.get(policy)!;
  expect(letters).toHaveLength(callers.length);
  return OUTCOMES[letters[callers.indexOf(caller)]];
}

/** Every scalar the answer carries: none on a refusal, or on a record that reads as not there. */
const values = (data: unknown): unknown[] =>
  data === null || data === undefined
    ? []
    : typeof data === "object"
      ? Object.values(data as object).flatMap(values)
      : [data];

function outcome(response: GraphQLResponse): string {
  const codes = (response.errors ?? []).map((e) => e.extensions?.code);
  const refused = codes.includes("UNAUTHENTICATED")
    ? "UNAUTHENTICATED"
    : codes.includes("FORBIDDEN")
      ? "FORBIDDEN"
      : undefined;
  if (refused) return values(response.data).length ? `${refused}, yet with data` : refused;
  if (codes.length) return `ERROR ${codes.join(",")}: ${response.errors![0].message}`;
  return values(response.data).length ? "ALLOWED" : "NOT VISIBLE";
}

let referralId: string;
let caseId: string;
let counter = 0;

/**
 * How each policy is exercised: a selection on Sweden's own type, or a mutation in Sweden's namespace; for
 * the directory's policies (`atDirectory`), a root field.
 */
type Probe = { atDirectory?: true } & (
  | { kind: "read"; selection: () => string }
  | {
      kind: "write";
      field: string;
      args: () => string;
      variables: () => Record<string, unknown>;
      selection: string;
    }
);

const contactInput = () => ({
  organisation: "Matrix Test Office",
  email: `matrix-${++counter}@ncp.example`,
  phone: "+46700000000",
  languages: ["sv"],
  address: "Test Street 1",
  workingHours: "Always",
  competences: ["CARE"],
});

const PROBES: Record<PolicyName, Probe> = {
  // Only the guarded fields: the contact points themselves are public.
  readNcpOnlyContactFields: { kind: "read", selection: () => "contactPoints { person hotline24h }" },
  readCases: { kind: "read", selection: () => "cases(first: 1) { nodes { id } }" },
  readReferrals: {
    kind: "read",
    selection: () => `referral(id: "${referralId}") { id purpose profile { riskFactors } }`,
  },
  readAuditTrail: { kind: "read", selection: () => "auditTrail(first: 1) { nodes { seq } }" },
  readAuditHead: { kind: "read", selection: () => "auditHead { seq hash }" },
  readStatistics: {
    kind: "read",
    selection: () =>
      `statistics(period: { year: ${new Date().getUTCFullYear()}, quarter: 1 }) { exact threshold }`,
  },
  writeContactPoints: {
    kind: "write",
    field: "addContactPoint(input: $input)",
    args: () => "$input: ContactPointInput!",
    variables: () => ({ input: contactInput() }),
    selection: "id",
  },
  readNetwork: { kind: "read", selection: () => "workingGroup { name } planProgress { itemId }" },
  writeNetwork: {
    kind: "write",
    field: "reportPlanProgress(input: $input)",
    args: () => "$input: ProgressNoteInput!",
    variables: () => ({
      input: {
        itemId: "II.6",
        reportedOn: new Date().toISOString(),
        text: `Matrix ${++counter}`,
      },
    }),
    selection: "id",
  },
  readRegionalActivities: {
    atDirectory: true,
    kind: "read",
    selection: () => 'regionalEvents(kind: NCP_MEETING) { id } activity(id: "III.4") { status }',
  },
  coordinateActivities: {
    atDirectory: true,
    kind: "write",
    field: `addActivityNote(itemId: "VII.1", input: $input)`,
    args: () => "$input: ActivityNoteInput!",
    variables: () => ({
      input: {
        kind: "PROGRESS",
        writtenOn: new Date().toISOString(),
        text: `Matrix ${++counter}`,
      },
    }),
    selection: "version",
  },
  writeCases: {
    kind: "write",
    field: "createCase(input: $input)",
    args: () => "$input: CaseInput!",
    variables: () => ({ input: CASE_INPUT }),
    selection: "id",
  },
  readNotifications: { kind: "read", selection: () => "notifications(first: 1) { id } unreadNotifications" },
  ringDoorbell: {
    kind: "write",
    field: "ringDoorbell(input: $input)",
    args: () => "$input: DoorbellInput!",
    variables: () => ({
      input: {
        id: `matrix-${++counter}`,
        event: "RESPONSE_GIVEN",
        referralId,
        at: new Date().toISOString(),
      },
    }),
    selection: "new",
  },
  manageWebhooks: {
    kind: "write",
    field: "registerWebhook(url: $url)",
    args: () => "$url: String!",
    variables: () => ({ url: `http://127.0.0.1:9/matrix-${++counter}` }),
    selection: "secret",
  },
  eraseReferralCopies: {
    kind: "write",
    field: "eraseReferralCopies(referralId: $id)",
    args: () => "$id: ID!",
    variables: () => ({ id: referralId }),
    selection: "erased",
  },
  writeReferrals: {
    kind: "write",
    field: "sendReferral(input: $input)",
    args: () => "$input: SendReferralInput!",
    variables: () => ({
      input: {
        idempotencyKey: `matrix-${++counter}-key`,
        caseId,
        to: COUNTERPART,
        purpose: "RISK_ASSESSMENT",
        urgency: "NORMAL",
        profile: RISK_ASSESSMENT_PROFILE,
      },
    }),
    selection: "id",
  },
};

type Variant =
  "gateway" | "aliases, fragments and batched entity references" | "direct to the holder's subgraph";
const VARIANTS: Variant[] = [
  "gateway",
  "aliases, fragments and batched entity references",
  "direct to the holder's subgraph",
];

function request(
  probe: Probe,
  variant: Variant,
): { url: string; query: string; variables?: Record<string, unknown> } {
  const f = federation();
  if (probe.atDirectory) {
    const url =
      variant === "direct to the holder's subgraph"
        ? `http://127.0.0.1:${f.ports.directory}/graphql`
        : f.gatewayUrl;
    const aliased = variant === "aliases, fragments and batched entity references" ? "renamed: " : "";
    if (probe.kind === "read") return { url, query: `query Probe { ${aliased}${probe.selection()} }` };
    return {
      url,
      query: `mutation(${probe.args()}) { ${aliased}${probe.field} { ${probe.selection} } }`,
      variables: probe.variables(),
    };
  }
  const url =
    variant === "direct to the holder's subgraph" ? f.nationalUrl(findCountry(OWNER)!) : f.gatewayUrl;
  if (probe.kind === "read") {
    const selection = probe.selection();
    if (variant === "gateway") return { url, query: `{ country(code: "${OWNER}") { ${selection} } }` };
    if (variant === "direct to the holder's subgraph") return { url, query: `{ sweden { ${selection} } }` };
    // Two aliases of the same country: the gateway sends both references in one `_entities` batch.
    return {
      url,
      query: `query Aliased { first: country(code: "${OWNER}") { ...Probe } second: countries { ... on Sweden { ...Probe } } }
              fragment Probe on Country { ${selection} }`,
    };
  }
  const mutation = (body: string) => `mutation(${probe.args()}) { ${body} }`;
  const field = `${probe.field} { ${probe.selection} }`;
  if (variant === "aliases, fragments and batched entity references") {
    return { url, query: mutation(`aliased: sweden { renamed: ${field} }`), variables: probe.variables() };
  }
  return { url, query: mutation(`sweden { ${field} }`), variables: probe.variables() };
}

beforeAll(async () => {
  const url = federation().gatewayUrl;
  const se = await federation().tokenFor({ role: "NCP_OFFICER", country: OWNER });
  caseId = ok(await mutate(url, se, OWNER, "createCase", { input: CASE_INPUT }), OWNER, "createCase").id;
  const input = {
    idempotencyKey: "matrix-referral",
    caseId,
    to: COUNTERPART,
    purpose: "RISK_ASSESSMENT",
    urgency: "NORMAL",
    profile: RISK_ASSESSMENT_PROFILE,
  };
  referralId = ok(await mutate(url, se, OWNER, "sendReferral", { input }), OWNER, "sendReferral").id;
});

/**
 * The caller's token for one probe: a service credential names the one service it calls (the holder);
 * anyone else's token is for the federation, through the gateway, or, to call the holder's subgraph
 * directly, for that subgraph.
 */
function tokenOf(caller: Caller, probe: Probe, variant: Variant): Promise<string> | undefined {
  const holder = subgraphAudience(
    probe.atDirectory ? DIRECTORY_SUBGRAPH : nationalSubgraphName(findCountry(OWNER)!),
  );
  if (caller.service) {
    return signServiceToken(federation().serviceKeysDir(caller.service), serviceKeyOf(caller.service), {
      role: "NATIONAL_SYSTEM",
      subject: `service:${caller.service}`,
      scopes: caller.scopes,
      expiresIn: "10m",
      audience: holder,
    });
  }
  if (!caller.role) return undefined;
  return federation().tokenFor({
    role: caller.role,
    country: caller.country,
    scopes: caller.scopes,
    ...(variant === "direct to the holder's subgraph" ? { audience: holder } : {}),
  });
}

describe.each(Object.keys(ACCESS) as PolicyName[])("policy %s", (name) => {
  it.each(callers)("for the $label", async (caller) => {
    const want = expected(name, caller);
    for (const variant of VARIANTS) {
      const { url, query, variables } = request(PROBES[name], variant);
      const token = await tokenOf(caller, PROBES[name], variant);
      const response = await graphql(url, query, { variables, token });
      expect({ variant, outcome: outcome(response) }).toEqual({ variant, outcome: want });
    }
  });
});

it("a subgraph refuses a token for the federation that did not come through the gateway", async () => {
  const officer = await federation().tokenFor({ role: "NCP_OFFICER", country: OWNER });
  const { url, query } = request(PROBES.readCases, "direct to the holder's subgraph");
  const response = await graphql(url, query, { token: officer });
  expect(outcome(response)).toBe("UNAUTHENTICATED");
  expect(response.errors![0].message).toMatch(/accepts only through the gateway/);
});

it("the table above names every policy the code enforces, and every one is refused to someone", () => {
  expect([...MATRIX_ROWS.keys()].sort()).toEqual(Object.keys(ACCESS).sort());
  for (const name of MATRIX_ROWS.keys() as Iterable<PolicyName>) {
    const outcomes = new Set(callers.map((caller) => expected(name, caller)));
    expect({ name, allowed: outcomes.has("ALLOWED"), refused: outcomes.has("UNAUTHENTICATED") }).toEqual({
      name,
      allowed: true,
      refused: true,
    });
    // Only the audit head (a hash), the statistics (disclosure-controlled aggregates) and the network's
    // non-case records are open to every signed-in caller; everything with case data is refused to someone.
    if (!["readAuditHead", "readStatistics", "readNetwork", "readRegionalActivities"].includes(name))
      expect({ name, forbidden: outcomes.has("FORBIDDEN") }).toEqual({ name, forbidden: true });
  }
});
