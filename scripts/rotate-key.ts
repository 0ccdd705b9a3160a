import { parseArgs } from "node:util";
import { localKeysRoot, trustedIssuers } from "#core";
import { rotateSigningKey } from "./federation/dev-keys";

/** The keys that sign tokens; the gateway's credential key is read once at start-up by each subgraph. */
const IDS = trustedIssuers().map((k) => k.id);
const USAGE = `Usage: npm run keys:rotate -- --key <${IDS.join("|")}>`;

/**
 * `npm run keys:rotate -- --key se`: gives a key of the local federation a new signing key with a new `kid`
 * and publishes it to every service's keys folder. The retired key stays published, so tokens it signed
 * verify until they expire; running services pick the new key up at its first token, with no restart.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { key: { type: "string" } } });
  if (!values.key || !IDS.includes(values.key))
    throw new Error(`--key must be one of the federation's keys.\n${USAGE}`);
  const kid = await rotateSigningKey(localKeysRoot(), values.key);
  console.log(`Rotated '${values.key}': new signing key ${kid}; the previous keys stay published.`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
