import { decodeJwt } from "jose";
import { parseArgs } from "node:util";
import { isRole, isScope, ROLES, SCOPES, Scope } from "../subgraphs/shared/src/auth/roles";
import { signToken } from "../subgraphs/shared/src/auth/sign-token";
import { MAX_TOKEN_LIFETIME_S } from "../subgraphs/shared/src/auth/verify-token";
import { ensureDevKeys, idpKeysDir } from "../subgraphs/shared/src/auth/keys";
import { localKeysRoot } from "../subgraphs/shared/src/local-defaults";

const USAGE = `Usage: npm run token -- --role <${ROLES.join("|")}> [--country <CC>] [--scope <${SCOPES.join("|")}>]... [--subject <id>] [--ttl 8h]`;

/** `npm run token`: prints a development token signed by the local identity provider, as the last line. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: "string" },
      country: { type: "string" },
      scope: { type: "string", multiple: true },
      subject: { type: "string" },
      ttl: { type: "string", default: "8h" },
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
  const token = await signToken(idpKeysDir(root), {
    role: values.role,
    country: values.country,
    subject: values.subject,
    scopes,
    expiresIn: values.ttl,
  });
  const { iat, exp } = decodeJwt(token);
  if (exp! - iat! > MAX_TOKEN_LIFETIME_S) {
    throw new Error(
      `--ttl ${values.ttl} is longer than the ${MAX_TOKEN_LIFETIME_S / 3600} hours any token may be.`,
    );
  }
  console.log(
    `# ${values.role}${values.country ? ` of ${values.country.toUpperCase()}` : ""}, valid ${values.ttl}; send as 'Authorization: Bearer <token>'`,
  );
  console.log(token);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
