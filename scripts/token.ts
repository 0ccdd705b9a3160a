import { decodeJwt } from "jose";
import { parseArgs } from "node:util";
import {
  isRole,
  isScope,
  localKeysRoot,
  MAX_TOKEN_LIFETIME_S,
  ROLES,
  Scope,
  SCOPES,
  signToken,
  subgraphAudience,
} from "#core";
import { findEnabledCountry, nationalSubgraphName, TOKEN_AUDIENCE } from "#schema/registry";
import { proofKeyFile } from "./national-system/proof-key";
import { ensureDevKeys, idpKeysDir } from "./federation/dev-keys";

const USAGE = `Usage: npm run token -- --role <${ROLES.join("|")}> [--country <CC>] [--scope <${SCOPES.join("|")}>]... [--subject <id>] [--ttl 8h] [--direct] [--dpop-key <file>]`;

/** `npm run token`: prints a development token signed by the local identity provider, as the last line. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: "string" },
      country: { type: "string" },
      scope: { type: "string", multiple: true },
      subject: { type: "string" },
      ttl: { type: "string", default: "8h" },
      // For the country's own subgraph, called directly, instead of the federation, through the gateway.
      direct: { type: "boolean", default: false },
      // Binds the token to the key in this file (made there if absent): each request then needs a proof.
      "dpop-key": { type: "string" },
    },
  });
  if (!isRole(values.role)) throw new Error(`--role must be one of ${ROLES.join(", ")}.\n${USAGE}`);
  const scopes: Scope[] = [];
  for (const scope of values.scope ?? []) {
    if (!isScope(scope)) throw new Error(`Unknown scope '${scope}'; scopes: ${SCOPES.join(", ")}.`);
    scopes.push(scope);
  }
  const root = localKeysRoot();
  await ensureDevKeys(root);
  const country = values.country ? findEnabledCountry(values.country) : undefined;
  if (values.direct && !country)
    throw new Error(`--direct needs --country: the subgraph it calls.\n${USAGE}`);
  const proofKey = values["dpop-key"] ? await proofKeyFile(values["dpop-key"]) : undefined;
  const token = await signToken(idpKeysDir(root), {
    keyThumbprint: proofKey?.thumbprint,
    role: values.role,
    country: values.country,
    subject: values.subject,
    scopes,
    expiresIn: values.ttl,
    // Its own subgraph directly, and the federation: what that subgraph asks other countries for it goes
    // through the gateway with the same token.
    ...(country && values.direct
      ? { audience: [subgraphAudience(nationalSubgraphName(country)), TOKEN_AUDIENCE] }
      : {}),
  });
  const { iat, exp } = decodeJwt(token);
  if (exp! - iat! > MAX_TOKEN_LIFETIME_S) {
    throw new Error(
      `--ttl ${values.ttl} is longer than the ${MAX_TOKEN_LIFETIME_S / 3600} hours any token may be.`,
    );
  }
  console.log(
    `# ${values.role}${values.country ? ` of ${values.country.toUpperCase()}` : ""}, valid ${values.ttl}, ` +
      `for the gateway${values.direct ? ` and ${values.country!.toUpperCase()}'s subgraph, called directly` : ""}; ` +
      "send as 'Authorization: Bearer <token>'" +
      (proofKey ? `, with a DPoP proof signed by the key in ${values["dpop-key"]} for each request` : ""),
  );
  console.log(token);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
