/*
 * Sign-in for the pages: OpenID Connect authorization code with PKCE, at the person's own identity
 * provider (their country's, or the Children's Unit's). The access token is kept in this tab's session
 * storage and sent to this gateway only; nothing about the person is stored at the hub.
 */
(function () {
  const PENDING = "ncp.signin.pending";
  const SESSION = "ncp.signin.session";
  const CLIENT_ID = "ncp-pages";
  const RESOURCE = "urn:cbss-ncp:federation";
  /** The bar's texts for a page that loads no translations (the workspace passes its own `t`). */
  const ENGLISH = {
    "signin.out": () => "Sign out",
    "signin.as": ({ sub, role, country }) => `Signed in as ${sub} (${role}${country}).`,
    "signin.at": () => "Sign in at",
    "signin.submit": () => "Sign in",
  };

  const { base64url } = window.ncp;
  const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
  const redirectUri = () => `${location.origin}/signin`;

  async function discover(issuer) {
    const response = await fetch(`${issuer}/.well-known/openid-configuration`);
    if (!response.ok) throw new Error(`The identity provider ${issuer} did not answer (${response.status}).`);
    const metadata = await response.json();
    if (metadata.issuer !== issuer) throw new Error(`The identity provider names itself ${metadata.issuer}.`);
    return metadata;
  }

  async function providers() {
    return (await (await fetch("/signin/providers.json")).json()).providers;
  }

  /** The signed-in person ({ token, claims }), or null when nobody is signed in or the token expired. */
  function session() {
    try {
      const stored = JSON.parse(sessionStorage.getItem(SESSION));
      if (stored && stored.claims.exp * 1000 > Date.now() + 30_000) return stored;
    } catch {
      /* nothing stored, or something unreadable: signed out */
    }
    sessionStorage.removeItem(SESSION);
    return null;
  }

  /** Goes to the provider's sign-in page; the person comes back to `returnTo` signed in. */
  async function signIn(providerId, returnTo) {
    const provider = (await providers()).find((p) => p.id === providerId);
    if (!provider) throw new Error(`No identity provider '${providerId}'.`);
    const metadata = await discover(provider.issuer);
    const verifier = random();
    const state = random();
    const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
    sessionStorage.setItem(
      PENDING,
      JSON.stringify({
        verifier,
        state,
        issuer: provider.issuer,
        // A provider that says it names itself in every answer (RFC 9207) must: one that does not is refused.
        issRequired: metadata.authorization_response_iss_parameter_supported === true,
        tokenEndpoint: metadata.token_endpoint,
        returnTo,
      }),
    );
    const query = new URLSearchParams({
      client_id: CLIENT_ID,
      response_type: "code",
      redirect_uri: redirectUri(),
      scope: "openid",
      resource: RESOURCE,
      code_challenge: challenge,
      code_challenge_method: "S256",
      state,
    });
    location.assign(`${metadata.authorization_endpoint}?${query}`);
  }

  /** On /signin: exchanges the code for the access token; returns where to go next. */
  async function completeSignIn() {
    const params = new URLSearchParams(location.search);
    const pending = JSON.parse(sessionStorage.getItem(PENDING) || "null");
    sessionStorage.removeItem(PENDING);
    if (!pending || params.get("state") !== pending.state) {
      throw new Error("This sign-in was not started from this tab, or it was already used. Sign in again.");
    }
    // The answer, a refusal included, must come from the provider the person chose (RFC 9207).
    const iss = params.get("iss");
    if (iss === null && pending.issRequired) {
      throw new Error("The answer did not say which identity provider it came from. Sign in again.");
    }
    if (iss !== null && iss !== pending.issuer) {
      throw new Error("The answer came from another identity provider than the one chosen. Sign in again.");
    }
    if (params.get("error")) {
      throw new Error(
        `The identity provider refused: ${params.get("error_description") || params.get("error")}`,
      );
    }
    // The token is bound to a key of this tab's, made now (common.js, proofKeys).
    await window.ncp.proofKeys.renew();
    const response = await fetch(pending.tokenEndpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        dpop: await window.ncp.proofKeys.proof("POST", pending.tokenEndpoint),
      },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: params.get("code"),
        redirect_uri: redirectUri(),
        client_id: CLIENT_ID,
        code_verifier: pending.verifier,
        resource: RESOURCE,
      }),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(`Sign-in failed: ${answer.error_description || answer.error}`);
    const claims = JSON.parse(atob(answer.access_token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
    sessionStorage.setItem(SESSION, JSON.stringify({ token: answer.access_token, claims }));
    return pending.returnTo || "/workspace";
  }

  function signOut() {
    sessionStorage.removeItem(SESSION);
    return window.ncp.proofKeys.forget();
  }

  /**
   * Fills a sign-in bar: a choice of identity provider and a button while signed out; who is signed in
   * and a sign-out button after. `onChange` runs with the session (or null); `t` translates the texts.
   */
  async function mountSignIn(container, { preferred, onChange, t = (key, values) => ENGLISH[key](values) }) {
    const { el } = window.ncp;
    const current = session();
    if (current) {
      const { sub, role, country } = current.claims;
      const signOutButton = el("button", { type: "button", id: "signout" }, t("signin.out"));
      signOutButton.addEventListener("click", async () => {
        await signOut();
        location.reload();
      });
      container.replaceChildren(
        el(
          "p",
          { id: "signed-in", "data-role": role, "data-country": country || "" },
          `${t("signin.as", { sub, role: role.toLowerCase().replaceAll("_", " "), country: country ? `, ${country}` : "" })} `,
        ),
        signOutButton,
      );
      onChange(current);
      return;
    }
    const select = el("select", { id: "provider", name: "provider" });
    for (const provider of await providers()) {
      select.append(el("option", { value: provider.id }, provider.name));
    }
    if (preferred) select.value = preferred;
    const form = el(
      "form",
      { class: "signin", id: "signin" },
      el("label", {}, t("signin.at"), select),
      el("button", { type: "submit" }, t("signin.submit")),
    );
    const problem = el("p", { class: "error", role: "alert" });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      signIn(select.value, location.pathname + location.hash).catch((error) => {
        problem.textContent = error.message;
      });
    });
    container.replaceChildren(form, problem);
    onChange(null);
  }

  window.ncp.auth = { session, signIn, completeSignIn, signOut, mountSignIn };
})();
