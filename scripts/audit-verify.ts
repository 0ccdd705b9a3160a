import "reflect-metadata";
import { parseArgs } from "node:util";
import { findEnabledCountry, portPlan } from "#schema/registry";
import { AuditRecord, ChainedEntry, connectStore, localPortBase, verifyChain, WitnessedHead } from "#core";
import { openCountryStore } from "../subgraphs/national/src/assembly";
import { countryStoreUri, directoryStoreUri } from "./store/store-uri";
import { directoryModels } from "../subgraphs/directory/src/assembly";

const USAGE =
  "Usage: npm run audit:verify -- --country <CC> [--mongodb-uri URI] [--gateway URL]\n" +
  "       npm run audit:verify -- --directory [--mongodb-uri URI]";

/** The heads the Children's Unit witnessed, read from the directory through the gateway. */
async function witnessedHeads(gatewayUrl: string, code: string): Promise<WitnessedHead[] | undefined> {
  try {
    const response = await fetch(gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: "query($code: ID!) { auditWitness(code: $code) { seq hash at } }",
        variables: { code },
      }),
      signal: AbortSignal.timeout(5_000),
    });
    const { data } = (await response.json()) as { data?: { auditWitness: WitnessedHead[] } };
    return data?.auditWitness;
  } catch {
    return undefined;
  }
}

/** The verdict, last: exit code 1 when the chain is broken. */
function printVerdict(report: ReturnType<typeof verifyChain>): void {
  if (report.ok) {
    console.log("OK: every entry verifies.");
    return;
  }
  console.log(`BROKEN: first broken entry is #${report.firstBroken!.seq}: ${report.firstBroken!.reason}.`);
  process.exitCode = 1;
}

/** Walks the Children's Unit's own audit log (its writes of events and the tracker). No one witnesses it. */
async function verifyDirectory(uri: string): Promise<void> {
  const store = connectStore(uri, { label: "audit-verify", models: () => [], log: () => undefined });
  let entries: AuditRecord[];
  try {
    await store.ready;
    entries = await directoryModels(store.connection).Audit.find().sort({ _id: 1 }).lean<AuditRecord[]>();
  } finally {
    await store.close();
  }
  const report = verifyChain(entries as unknown as ChainedEntry[], []);
  console.log(`Audit log of the Children's Unit's directory: ${report.entries} entries.`);
  printVerdict(report);
}

/**
 * `npm run audit:verify -- --country SE`: walks SE's audit log, checks every hash and link, compares with
 * the heads the Children's Unit witnessed, and names the first broken entry. Exit code 1 if broken.
 * `--directory` walks the Children's Unit's own log instead.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      country: { type: "string" },
      directory: { type: "boolean" },
      "mongodb-uri": { type: "string" },
      gateway: { type: "string" },
    },
  });
  if (values.directory) return verifyDirectory(directoryStoreUri(values["mongodb-uri"]));
  const country = values.country ? findEnabledCountry(values.country) : undefined;
  if (!country) throw new Error(`--country must be an enabled country code.\n${USAGE}`);
  const plan = portPlan(localPortBase());
  const uri = countryStoreUri(country, values["mongodb-uri"]);
  const gatewayUrl = values.gateway ?? `http://127.0.0.1:${plan.gateway}/graphql`;

  const store = await openCountryStore(uri, country.code, 10_000);
  let entries: AuditRecord[];
  try {
    entries = await store.Audit.find().sort({ _id: 1 }).lean<AuditRecord[]>();
  } finally {
    await store.close();
  }
  const witnessed = await witnessedHeads(gatewayUrl, country.code);
  const report = verifyChain(entries as unknown as ChainedEntry[], witnessed ?? []);

  console.log(`Audit log of ${country.name} (${country.code}): ${report.entries} entries.`);
  console.log(
    witnessed
      ? `Compared with ${witnessed.length} heads witnessed by the Children's Unit.`
      : `Warning: the directory could not be reached at ${gatewayUrl}; the log was not compared with witnessed heads, so truncation cannot be detected.`,
  );
  printVerdict(report);
}

main().catch((error) => {
  // A connection refused at every address is an AggregateError with no message of its own.
  const causes = error instanceof AggregateError ? error.errors.map((e) => String(e?.message ?? e)) : [];
  console.error(error instanceof Error ? error.message || causes.join("; ") || String(error) : error);
  process.exit(2);
});
