import { portPlan } from "#schema/registry";
import { idpKeysDir } from "./federation/dev-keys";
import { localKeysRoot, localPortBase, portEnv, stopOnSignals } from "#core";
import { startIdentityProviders } from "./federation/identity-provider";

/**
 * The development identity providers' process, started by `npm start` and the test federation: PORT,
 * KEYS_DIR (the providers' keys), SIGNIN_REDIRECT_URIS (the pages' sign-in address, comma-separated).
 */
async function main(): Promise<void> {
  const port = portEnv("PORT", portPlan(localPortBase()).identityProvider);
  const redirectUris = (process.env.SIGNIN_REDIRECT_URIS ?? `http://localhost:${localPortBase()}/signin`)
    .split(",")
    .map((uri) => uri.trim())
    .filter(Boolean);
  const server = await startIdentityProviders({
    keysDir: process.env.KEYS_DIR?.trim() || idpKeysDir(localKeysRoot()),
    port,
    redirectUris,
  });
  console.log(`[identity-provider] development identity providers at ${server.url}/<id>`);
  stopOnSignals(server.close);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
