import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { join } from "node:path";
import { buildSchema, Kind, parse, validate } from "graphql";
import { operationFiles } from "../../scripts/national-system/operations";
import { ROOT_DIR } from "#core";

/** The documented operations of national systems (docs/operations), checked against the composed schema. */
const api = buildSchema(readFileSync(join(ROOT_DIR, "schema", "api.graphql"), "utf8"));

describe("docs/operations", () => {
  it("holds a named operation for every use case of a national system", async () => {
    const names = (await operationFiles()).flatMap(({ text }) =>
      parse(text).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value] : [])),
    );
    expect(names.filter((n) => !n)).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
    expect(names.sort()).toEqual(
      [
        "FindContacts",
        "OpenCase",
        "SendReferral",
        "IncomingReferrals",
        "Referral",
        "Respond",
        "RecordReturnEvent",
        "ReturnStatus",
        "Statistics",
        "Notifications",
        "MarkNotificationsRead",
        "RegisterWebhook",
        "RemoveWebhook",
        "WebhookDeliveries",
      ].sort(),
    );
  });

  it.each([
    "find-contacts",
    "send-referral",
    "incoming-referrals",
    "referral",
    "respond",
    "record-return-event",
    "return-status",
    "statistics",
    "notifications",
    "webhooks",
  ])("%s.graphql is valid against the supergraph's API", async (file) => {
    const found = (await operationFiles()).find((f) => f.location.endsWith(`/${file}.graphql`));
    expect(found).toBeDefined();
    expect(validate(api, parse(found!.text)).map((e) => e.message)).toEqual([]);
  });

  it("has current generated TypeScript types (npm run compose writes them)", async () => {
    // Run as `npm run compose -- --check` does: the code generator is an ES module the test runner cannot load.
    const { stdout } = await promisify(execFile)(process.execPath, [
      join(ROOT_DIR, "dist/scripts/compose.js"),
      "--check",
    ]);
    expect(stdout).toContain("up to date");
  }, 120_000);
});
