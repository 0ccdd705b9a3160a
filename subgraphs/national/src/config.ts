import { CountryEntry } from "../../../schema/countries";
import { databaseName, findEnabledCountry, enabledCodes, portPlan } from "../../../schema/registry";
import { portEnv, requiredEnv } from "../../shared/src/config";

export interface NationalConfig {
  readonly country: CountryEntry;
  readonly port: number;
  readonly mongoUri: string;
  readonly keysDir: string;
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
    mongoUri:
      env.MONGODB_URI?.trim() || `mongodb://127.0.0.1:${plan.store(country)}/${databaseName(country)}`,
    keysDir: env.KEYS_DIR?.trim() || ".data/keys",
  };
}
