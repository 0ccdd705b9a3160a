import { ENABLED_COUNTRIES } from "#schema/registry";
import { CHILDRENS_UNIT_IDP, Role } from "#core";

/**
 * The people of the development identity providers: an NCP officer per country, and the Children's Unit's
 * analyst and coordinator. Their sign-in name is their subject (`sub`); they all share one password, for
 * development on this machine only.
 */
export const DEMO_PASSWORD = "demo";

export interface DemoUser {
  /** The identity provider the person signs in at: a lower-case country code, or `cbss`. */
  readonly provider: string;
  readonly username: string;
  readonly name: string;
  readonly role: Role;
  readonly country?: string;
}

export function demoUsers(): DemoUser[] {
  return [
    ...ENABLED_COUNTRIES.map((c) => ({
      provider: c.code.toLowerCase(),
      username: `officer.${c.code.toLowerCase()}`,
      name: `NCP officer of ${c.name}`,
      role: "NCP_OFFICER" as const,
      country: c.code,
    })),
    { provider: CHILDRENS_UNIT_IDP, username: "analyst", name: "RFP analyst", role: "RFP_ANALYST" },
    {
      provider: CHILDRENS_UNIT_IDP,
      username: "coordinator",
      name: "RFP coordinator",
      role: "RFP_COORDINATOR",
    },
  ];
}
