import express from "express";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { Server } from "node:http";
import { AddressInfo } from "node:net";
import { join } from "node:path";
import Provider, { Configuration, KoaContextWithOIDC } from "oidc-provider";
import { TOKEN_AUDIENCE } from "#schema/registry";
import { IdentityProvider, identityProviders, localIdpUrl, TOKEN_ALGORITHM } from "#core";
import { DEMO_PASSWORD, DemoUser, demoUsers } from "../demo/demo-users";
import { SignInThrottle } from "./sign-in-throttle";

/** The pages' OpenID Connect client: public (no secret), authorization code with PKCE. */
export const PAGES_CLIENT_ID = "ncp-pages";
const ACCESS_TOKEN_TTL_S = 8 * 3600;
export interface IdentityProvidersOptions {
  /** The development identity providers' private keys (`<id>.private.jwk.json`) and key sets. */
  keysDir: string;
  port: number;
  /** Where the pages receive the authorization code, e.g. `http://localhost:4000/signin`. */
  redirectUris: string[];
  env?: NodeJS.ProcessEnv;
}

/**
 * The development identity providers: a real OpenID Connect provider (oidc-provider) per issuer (each
 * country, the Children's Unit) at `IDP_URL/<id>`, in one process. A person signs in with a demo user's
 * name and password; the access token is a JWT for the federation's audience, signed with the issuer's key
 * and carrying the person's role and country, as a country's own provider would issue it. A country that
 * names its own issuer (`ISSUER_<CC>`) is not served here.
 */
export async function startIdentityProviders(options: IdentityProvidersOptions): Promise<{
  url: string;
  close: () => Promise<void>;
}> {
  const env = options.env ?? process.env;
  const base = localIdpUrl(env);
  const app = express();
  app.disable("x-powered-by");
  app.get("/readyz", (_req, res) => res.json({ ready: true }));
  for (const idp of identityProviders(env).filter((p) => p.issuer === `${base}/${p.id}`)) {
    app.use(`/${idp.id}`, await issuerRouter(idp, options));
  }
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(options.port, "127.0.0.1", () => resolve(listening)).once("error", reject);
  });
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function issuerRouter(
  idp: IdentityProvider,
  options: IdentityProvidersOptions,
): Promise<express.Router> {
  const users = new Map(
    demoUsers()
      .filter((u) => u.provider === idp.id)
      .map((u) => [u.username, u]),
  );
  const throttle = new SignInThrottle();
  const signingKey = JSON.parse(await readFile(join(options.keysDir, `${idp.id}.private.jwk.json`), "utf8"));
  const configuration: Configuration = {
    clients: [
      {
        client_id: PAGES_CLIENT_ID,
        token_endpoint_auth_method: "none",
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        id_token_signed_response_alg: TOKEN_ALGORITHM,
        // The pages prove a key of their own at the token endpoint; the token is bound to it (`cnf.jkt`).
        dpop_bound_access_tokens: true,
      },
    ],
    jwks: { keys: [signingKey] },
    pkce: { required: () => true, methods: ["S256"] },
    // The pages exchange the code from their own origin.
    clientBasedCORS: (_ctx, origin, client) =>
      (client.redirectUris ?? []).some((uri) => new URL(uri).origin === origin),
    features: {
      devInteractions: { enabled: false },
      // Proof of possession (RFC 9449): a token is bound to the key its holder proves (docs/security.md).
      dPoP: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => TOKEN_AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          audience: TOKEN_AUDIENCE,
          scope: "",
          accessTokenTTL: ACCESS_TOKEN_TTL_S,
          accessTokenFormat: "jwt",
          jwt: { sign: { alg: TOKEN_ALGORITHM } },
        }),
      },
    },
    findAccount: (_ctx, sub) =>
      users.has(sub) ? { accountId: sub, claims: () => ({ sub, name: users.get(sub)!.name }) } : undefined,
    // What the subgraphs read from a person's token (docs/security.md, "Identity").
    extraTokenClaims: (_ctx, token) => {
      const user = "accountId" in token && token.accountId ? users.get(token.accountId) : undefined;
      return user ? { role: user.role, ...(user.country ? { country: user.country } : {}) } : {};
    },
    // The pages are this federation's own: signing in grants them the federation's audience, no consent page.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session, provider } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const existing = session.grantIdFor(client.clientId);
      if (existing) return provider.Grant.find(existing);
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope("openid");
      grant.addResourceScope(TOKEN_AUDIENCE, "");
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `/${idp.id}/interaction/${interaction.uid}` },
    cookies: {
      keys: [randomBytes(32).toString("base64url")],
      // Every issuer shares the host (`localhost`), so each names its cookies; plain HTTP on loopback needs Lax.
      names: {
        session: `_session_${idp.id}`,
        interaction: `_interaction_${idp.id}`,
        resume: `_interaction_resume_${idp.id}`,
      },
      long: { httpOnly: true, sameSite: "lax", signed: true },
      short: { httpOnly: true, sameSite: "lax", signed: true },
    },
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_S,
      AuthorizationCode: 60,
      IdToken: 3600,
      Grant: ACCESS_TOKEN_TTL_S,
      Session: ACCESS_TOKEN_TTL_S,
      Interaction: 600,
    },
  };
  const provider = new Provider(idp.issuer, configuration);

  const router = express.Router();
  router.use((_req, res, next) => {
    res.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'; frame-ancestors 'none'");
    next();
  });
  // The published key set is the key file: it keeps retired keys, so tokens they signed verify until expiry.
  router.get("/jwks", async (_req, res) => {
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.type("application/jwk-set+json").send(await readFile(join(options.keysDir, `${idp.id}.jwks.json`)));
  });
  router.get("/interaction/:uid", async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      res.type("html").send(loginPage(idp, details.uid));
    } catch (error) {
      next(error);
    }
  });
  router.post("/interaction/:uid", express.urlencoded({ extended: false }), async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      const username = String(req.body?.username ?? "").trim();
      const key = username.toLowerCase();
      const wait = throttle.lockedFor(key);
      if (wait) {
        res
          .status(429)
          .setHeader("Retry-After", String(wait))
          .type("html")
          .send(
            loginPage(
              idp,
              details.uid,
              `Too many failed sign-ins for this user name: try again in ${wait} s.`,
            ),
          );
        return;
      }
      const user: DemoUser | undefined = users.get(username);
      if (!user || req.body?.password !== DEMO_PASSWORD) {
        throttle.failed(key);
        res
          .status(401)
          .type("html")
          .send(loginPage(idp, details.uid, "Unknown user name or wrong password."));
        return;
      }
      throttle.succeeded(key);
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: user.username } },
        {
          mergeWithLastSubmission: false,
        },
      );
    } catch (error) {
      next(error);
    }
  });
  router.use(provider.callback());
  return router;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(idp: IdentityProvider, uid: string, error?: string): string {
  const title = idp.country ? `Sign in: ${idp.country} identity provider` : "Sign in: Children's Unit";
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} (development)</title></head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>Development identity provider on this machine; the demo users are listed in the README.</p>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/${idp.id}/interaction/${encodeURIComponent(uid)}">
<p><label for="username">User name</label><br><input id="username" name="username" autocomplete="username" required autofocus></p>
<p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Sign in</button></p>
</form>
</main>
</body>
</html>`;
}
