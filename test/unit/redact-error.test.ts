import { redactError } from "#core";

describe("what an error tells the caller", () => {
  const typo = {
    message: 'Cannot query field "casez" on type "Sweden". Did you mean "cases" or "case"?',
    extensions: { code: "GRAPHQL_VALIDATION_FAILED", serviceName: "national-se" },
  };

  it("never names the subgraph that raised it", () => {
    expect(redactError(typo, false).extensions).toEqual({ code: "GRAPHQL_VALIDATION_FAILED" });
    expect(redactError(typo, true).extensions).toEqual({ code: "GRAPHQL_VALIDATION_FAILED" });
  });

  it("in production suggests no other name of the schema, in development it does", () => {
    expect(redactError(typo, true).message).toBe('Cannot query field "casez" on type "Sweden".');
    expect(redactError(typo, false).message).toBe(typo.message);
    const enumValue = {
      message:
        'Variable "$status" got invalid value "SNT"; Value "SNT" does not exist in "ReferralStatus" enum. Did you mean the enum value "SENT"?',
    };
    expect(redactError(enumValue, true).message).toBe(
      'Variable "$status" got invalid value "SNT"; Value "SNT" does not exist in "ReferralStatus" enum.',
    );
  });

  it("in production says only that an unexpected error happened", () => {
    const internal = {
      message: "connect ECONNREFUSED 10.0.0.7:27017 at /srv/app/dist/store.js",
      path: ["country", "cases"],
      extensions: { code: "INTERNAL_SERVER_ERROR", serviceName: "national-se" },
    };
    expect(redactError(internal, true)).toEqual({
      message: "Internal server error",
      path: ["country", "cases"],
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
  });

  it("keeps what a person acts on: the code, the field, the country", () => {
    const bad = {
      message: "must be 1 to 4",
      extensions: {
        code: "BAD_USER_INPUT",
        field: "period.quarter",
        country: "SE",
        serviceName: "national-se",
      },
    };
    expect(redactError(bad, true)).toEqual({
      message: "must be 1 to 4",
      extensions: { code: "BAD_USER_INPUT", field: "period.quarter", country: "SE" },
    });
  });
});
