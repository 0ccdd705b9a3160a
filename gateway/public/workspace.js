/*
 * The NCP workspace: the inbox of referrals addressed to the officer's country, one referral with both
 * countries' halves, responding and recording return events, the country's own cases and the referrals it
 * sent. Everything is read and written through this gateway with the officer's own token.
 */
(async function () {
  const { graphql, unreachable, el } = window.ncp;
  const t = await window.ncp.messages();
  const config = await (await fetch("/workspace/config.json")).json();
  const view = document.getElementById("view");
  const notice = document.getElementById("notice");
  let session = null;

  const countryOf = (code) => config.countries.find((c) => c.code === code);
  const nameOf = (code) => (countryOf(code) ? countryOf(code).name : code);
  /** An enum value as text: its translation (`enum.<VALUE>`) where there is one, else in plain words. */
  const label = (value) => {
    if (value === null || value === undefined) return "";
    const key = `enum.${value}`;
    return t(key) === key ? String(value).toLowerCase().replaceAll("_", " ") : t(key);
  };
  const day = (iso) => (iso ? iso.slice(0, 10) : "");
  const midnight = (date) => `${date}T00:00:00.000Z`;
  const own = () => session.claims.country;

  /** Runs an operation as the signed-in officer; names the countries that did not answer. */
  async function run(query, variables) {
    const result = await graphql(query, variables, session.token);
    const offline = unreachable(result.errors);
    const line = document.getElementById("unreachable");
    line.textContent = offline.length ? t("unreachable", { countries: offline.map(nameOf).join(", ") }) : "";
    line.dataset.countries = offline.join(",");
    return result;
  }

  /** The message a person can act on for an operation's first error (unavailable countries aside). */
  function problemOf(result) {
    const error = (result.errors || []).find(
      (e) => !e.extensions || e.extensions.code !== "COUNTRY_UNAVAILABLE",
    );
    if (!error) return null;
    const code = (error.extensions && error.extensions.code) || "other";
    const unmet = ((error.extensions && error.extensions.unmet) || []).map(label).join(", ");
    const key = `error.${code}`;
    return { code, text: t(t(key) === key ? "error.other" : key, { message: error.message, unmet }) };
  }

  function say(text, isError) {
    notice.textContent = text;
    notice.className = isError ? "error" : "success";
  }

  const table = (id, headings, rows) =>
    el(
      "table",
      { id },
      el(
        "tr",
        {},
        headings.map((h) => el("th", { scope: "col" }, t(h))),
      ),
      rows,
    );

  let controls = 0;
  /** A control with its label (by `for`, so the label alone names it). */
  function field(labelText, control) {
    control.id = control.id || `control-${++controls}`;
    return el("div", { class: "field" }, el("label", { for: control.id }, labelText), control);
  }

  function select(name, values, { required = true, empty } = {}) {
    return el(
      "select",
      { name, required: required ? "" : null },
      empty !== undefined ? el("option", { value: "" }, empty) : null,
      values.map((v) => el("option", { value: v }, label(v))),
    );
  }

  function checkboxes(name, values) {
    return el(
      "span",
      { class: "choices" },
      values.map((v) =>
        el("label", { class: "inline" }, el("input", { type: "checkbox", name, value: v }), label(v)),
      ),
    );
  }

  const checked = (form, name) =>
    [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
  const value = (form, name) => {
    const input = form.elements.namedItem(name);
    return input && input.value.trim() ? input.value.trim() : null;
  };

  // ---- Doorbells: what the other countries changed --------------------------------------------------

  const UNREAD = `query($code: ID!) { country(code: $code) {
    unreadNotifications notifications(unreadOnly: true, first: 50) { id event referralId from { code } at } } }`;

  /** The unread doorbells: a badge on the inbox link, and the list (with "mark as read") for the inbox. */
  async function doorbells() {
    // Its own country only: no country's absence to report, so `run`'s line is left alone.
    const result = await graphql(UNREAD, { code: own() }, session.token);
    const country = result.data && result.data.country;
    const badge = document.getElementById("unread");
    const count = country ? country.unreadNotifications : 0;
    badge.textContent = count ? t("doorbells.unread", { count }) : "";
    badge.dataset.count = String(count || 0);
    if (!country || !country.notifications.length) return null;
    const mark = el("button", { type: "button", id: "mark-read" }, t("doorbells.mark"));
    mark.addEventListener("click", async () => {
      const namespace = countryOf(own()).namespace;
      await graphql(
        `mutation($ids: [ID!]!) { ${namespace} { markNotificationsRead(ids: $ids) } }`,
        { ids: country.notifications.map((n) => n.id) },
        session.token,
      );
      await showInbox();
    });
    return el(
      "section",
      { id: "doorbells", class: "panel" },
      el("h3", {}, t("doorbells.heading")),
      el(
        "ul",
        {},
        country.notifications.map((n) =>
          el(
            "li",
            { "data-referral": n.referralId },
            el(
              "a",
              { href: `#referral/${n.referralId.slice(0, 2)}/${n.referralId}` },
              `${t(`doorbells.${n.event}`, { country: nameOf(n.from.code) })} (${n.referralId})`,
            ),
            ` ${day(n.at)}`,
          ),
        ),
      ),
      mark,
    );
  }

  // ---- Inbox -------------------------------------------------------------------------------------------

  const INBOX = `{ countries { code referrals(status: SENT, first: 30) { nodes {
    id from { code } purpose urgency sentAt acknowledgementDueAt overdue response { decision } } } } }`;

  /**
   * A section's view, shown only while the person is still there: a section that loads slowly (the inbox
   * asks every country) must not replace one opened after it. Each `showX` starts one.
   */
  let visits = 0;
  function visit() {
    const mine = ++visits;
    const current = () => mine === visits;
    return {
      current,
      render: (...nodes) => current() && view.replaceChildren(...nodes),
      refuse: (text) => current() && say(text, true),
    };
  }

  async function showInbox() {
    const { render, refuse } = visit();
    render(el("p", { class: "muted" }, t("loading")));
    const [result, changes] = await Promise.all([run(INBOX), doorbells()]);
    const problem = problemOf(result);
    if (problem) return refuse(problem.text);
    // Each other country lists what it sent to this one; this country's own list is what it sent.
    const referrals = ((result.data && result.data.countries) || [])
      .filter((c) => c.code !== own())
      .flatMap((c) => (c.referrals ? c.referrals.nodes : []))
      .sort(
        (a, b) =>
          Number(Boolean(a.response)) - Number(Boolean(b.response)) ||
          Number(Boolean(b.overdue)) - Number(Boolean(a.overdue)) ||
          b.sentAt.localeCompare(a.sentAt),
      );
    const rows = referrals.map((r) =>
      el(
        "tr",
        { "data-referral": r.id, class: r.overdue ? "overdue" : null },
        el(
          "td",
          {},
          el(
            "a",
            { href: `#referral/${r.from.code}/${r.id}` },
            t("open", { country: nameOf(r.from.code), purpose: label(r.purpose) }),
          ),
        ),
        el("td", {}, label(r.purpose)),
        el("td", {}, label(r.urgency)),
        el("td", {}, day(r.sentAt)),
        el("td", {}, r.response ? label(r.response.decision) : el("strong", {}, t("unanswered"))),
        el(
          "td",
          {},
          day(r.acknowledgementDueAt),
          r.overdue ? el("strong", { class: "badge" }, ` ${t("overdue")}`) : null,
        ),
      ),
    );
    render(
      el("h2", {}, t("inbox.heading", { country: nameOf(own()) })),
      ...(changes ? [changes] : []),
      el("p", { class: "muted" }, t("inbox.note")),
      referrals.length
        ? table(
            "inbox",
            [
              "column.from",
              "column.purpose",
              "column.urgency",
              "column.sent",
              "column.response",
              "column.due",
            ],
            rows,
          )
        : el("p", { id: "inbox-empty" }, t("inbox.empty", { country: nameOf(own()) })),
    );
  }

  // ---- One referral ------------------------------------------------------------------------------------

  const REFERRAL = `query($code: ID!, $id: ID!) { country(code: $code) { referral(id: $id) {
    id version from { code } to { code } purpose urgency status sentAt acknowledgementDueAt acknowledgedAt overdue
    profile { ${config.profileFields.join(" ")} }
    deadlines { kind dueAt metAt overdue owedBy { code } }
    response { decision declineReason version decidedAt riskAssessment { returnInBestInterests } returnPlan { plannedDate } }
    timeline { id kind occurredAt recordedBy { code } notes }
    history { at status by note } } } }`;

  function describe(pairs) {
    return el(
      "dl",
      {},
      pairs
        .filter(([, v]) => v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && !v.length))
        .flatMap(([k, v]) => [
          el("dt", {}, k),
          el(
            "dd",
            {},
            Array.isArray(v)
              ? v.map(label).join(", ")
              : typeof v === "boolean"
                ? t(v ? "yes" : "no")
                : String(v),
          ),
        ]),
    );
  }

  async function showReferral(from, id) {
    const { render, refuse } = visit();
    render(el("p", { class: "muted" }, t("loading")));
    const result = await run(REFERRAL, { code: from, id });
    const problem = problemOf(result);
    const referral = result.data && result.data.country && result.data.country.referral;
    if (problem || !referral)
      return refuse(problem ? problem.text : t("error.other", { message: "Not found." }));
    const receiver = referral.to.code;
    const response = referral.response;
    const parts = [
      el("p", {}, el("a", { href: "#inbox" }, t("referral.back"))),
      el(
        "h2",
        { id: "referral-heading" },
        t("referral.heading", { from: nameOf(referral.from.code), to: nameOf(receiver) }),
      ),
      el("h3", {}, t("referral.details")),
      describe([
        [t("field.status"), label(referral.status)],
        [t("field.purpose"), label(referral.purpose)],
        [t("field.urgency"), label(referral.urgency)],
        [t("field.sentAt"), day(referral.sentAt)],
        [t("field.acknowledgementDueAt"), day(referral.acknowledgementDueAt)],
        [t("field.acknowledgedAt"), day(referral.acknowledgedAt)],
      ]),
      el("h3", {}, t("referral.profile")),
      describe(
        config.profileFields.map((f) => {
          const shared = referral.profile[f];
          return [t(`profile.${f}`), f === "sex" || f === "ageBand" ? label(shared) : shared];
        }),
      ),
      el("h3", {}, t("referral.deadlines")),
      el(
        "ul",
        {},
        (referral.deadlines || []).map((d) =>
          el(
            "li",
            {},
            `${label(d.kind)}: ${day(d.dueAt)} (${nameOf(d.owedBy.code)})${d.metAt ? `, ${t("deadline.met", { date: day(d.metAt) })}` : ""}`,
            d.overdue ? el("strong", { class: "badge" }, ` ${t("overdue")}`) : null,
          ),
        ),
      ),
      el("h3", {}, t("referral.response", { country: nameOf(receiver) })),
      el(
        "div",
        { id: "response", "data-decision": response ? response.decision : "" },
        response
          ? describe([
              [t("field.decision"), label(response.decision)],
              [t("field.declineReason"), response.declineReason],
              [
                t("field.bestInterests"),
                response.riskAssessment ? response.riskAssessment.returnInBestInterests : null,
              ],
              [t("field.plannedDate"), response.returnPlan ? day(response.returnPlan.plannedDate) : null],
              [t("field.version"), response.version],
            ])
          : el("p", {}, t("referral.noResponse")),
      ),
      el("h3", {}, t("referral.timeline")),
      referral.timeline && referral.timeline.length
        ? table(
            "timeline",
            ["column.kind", "column.occurred", "column.recordedBy", "column.notes"],
            referral.timeline.map((e) =>
              el(
                "tr",
                {},
                el("td", {}, label(e.kind)),
                el("td", {}, day(e.occurredAt)),
                el("td", {}, nameOf(e.recordedBy.code)),
                el("td", {}, e.notes || ""),
              ),
            ),
          )
        : el("p", {}, t("referral.noTimeline")),
      el("h3", {}, t("referral.history")),
      el(
        "ul",
        {},
        referral.history.map((h) =>
          el("li", {}, `${day(h.at)} ${label(h.status)}${h.note ? `: ${h.note}` : ""}`),
        ),
      ),
    ];
    if (own() === receiver && referral.status === "SENT") parts.push(respondForm(referral));
    if (own() === receiver || own() === referral.from.code) parts.push(returnEventForm(referral));
    render(...parts);
  }

  function respondForm(referral) {
    const version = referral.response ? referral.response.version : 0;
    const form = el(
      "form",
      { id: "respond", class: "panel" },
      el("h3", {}, t("respond.heading")),
      field(t("respond.decision"), select("decision", config.enums.Decision)),
      field(t("respond.declineReason"), el("textarea", { name: "declineReason", rows: "2" })),
      field(t("respond.riskCompletedOn"), el("input", { type: "date", name: "riskCompletedOn" })),
      field(
        t("respond.bestInterests"),
        el(
          "select",
          { name: "bestInterests" },
          el("option", { value: "" }, t("respond.bestInterests.none")),
          el("option", { value: "yes" }, t("respond.bestInterests.yes")),
          el("option", { value: "no" }, t("respond.bestInterests.no")),
        ),
      ),
      field(t("respond.summary"), el("textarea", { name: "summary", rows: "2" })),
      field(t("respond.plannedDate"), el("input", { type: "date", name: "plannedDate" })),
      el("button", { type: "submit" }, t("respond.submit")),
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const input = { decision: form.elements.decision.value };
      if (value(form, "declineReason")) input.declineReason = value(form, "declineReason");
      if (value(form, "bestInterests")) {
        input.riskAssessment = {
          completedOn: midnight(value(form, "riskCompletedOn") || new Date().toISOString().slice(0, 10)),
          returnInBestInterests: value(form, "bestInterests") === "yes",
          summary: value(form, "summary"),
        };
      }
      if (value(form, "plannedDate"))
        input.returnPlan = { plannedDate: midnight(value(form, "plannedDate")) };
      const namespace = countryOf(own()).namespace;
      const result = await run(
        `mutation($id: ID!, $version: Int!, $input: ReferralResponseInput!) { ${namespace} {
          respondToReferral(referralId: $id, version: $version, input: $input) { decision version } } }`,
        { id: referral.id, version, input },
      );
      const problem = problemOf(result);
      await showReferral(referral.from.code, referral.id);
      if (problem) say(problem.text, true);
      else say(t("respond.done", { decision: label(input.decision) }));
    });
    return form;
  }

  function returnEventForm(referral) {
    const form = el(
      "form",
      { id: "return-event", class: "panel" },
      el("h3", {}, t("event.heading")),
      field(
        t("event.kind"),
        select(
          "kind",
          config.enums.ReturnEventKind.filter((k) => k !== "CORRECTION"),
        ),
      ),
      field(
        t("event.occurredOn"),
        el("input", {
          type: "date",
          name: "occurredOn",
          required: "",
          value: new Date().toISOString().slice(0, 10),
        }),
      ),
      field(t("event.notes"), el("textarea", { name: "notes", rows: "2" })),
      el("button", { type: "submit" }, t("event.submit")),
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const namespace = countryOf(own()).namespace;
      const result = await run(
        `mutation($id: ID!, $input: ReturnEventInput!) { ${namespace} { recordReturnEvent(referralId: $id, input: $input) { id } } }`,
        {
          id: referral.id,
          input: {
            idempotencyKey: crypto.randomUUID(),
            kind: form.elements.kind.value,
            occurredAt: midnight(value(form, "occurredOn")),
            notes: value(form, "notes"),
          },
        },
      );
      const problem = problemOf(result);
      await showReferral(referral.from.code, referral.id);
      say(problem ? problem.text : t("event.done"), Boolean(problem));
    });
    return form;
  }

  // ---- Our cases ---------------------------------------------------------------------------------------

  const CASES = `query($code: ID!) { country(code: $code) { cases(first: 100) { nodes {
    id stage identifiedOn ageBand sex targetGroups } } } }`;

  async function ownCases() {
    const result = await run(CASES, { code: own() });
    const problem = problemOf(result);
    if (problem) throw new Error(problem.text);
    return result.data.country.cases.nodes;
  }

  async function showCases() {
    const { render } = visit();
    render(el("p", { class: "muted" }, t("loading")));
    const cases = await ownCases();
    const form = el(
      "form",
      { id: "create-case", class: "panel" },
      el("h3", {}, t("cases.create")),
      el(
        "fieldset",
        {},
        el("legend", {}, t("cases.targetGroups")),
        checkboxes("targetGroups", config.enums.TargetGroup),
      ),
      field(t("cases.sex"), select("sex", config.enums.Sex)),
      field(t("cases.ageBand"), select("ageBand", config.enums.AgeBand)),
      field(
        t("cases.identifiedOn"),
        el("input", {
          type: "date",
          name: "identifiedOn",
          required: "",
          value: new Date().toISOString().slice(0, 10),
        }),
      ),
      field(t("cases.nationality"), el("input", { name: "nationality", size: "4" })),
      el("button", { type: "submit" }, t("cases.submit")),
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const input = {
        targetGroups: checked(form, "targetGroups"),
        sex: form.elements.sex.value,
        ageBand: form.elements.ageBand.value,
        identifiedOn: midnight(value(form, "identifiedOn")),
        nationality: value(form, "nationality"),
      };
      const namespace = countryOf(own()).namespace;
      const result = await run(
        `mutation($input: CaseInput!) { ${namespace} { createCase(input: $input) { id } } }`,
        { input },
      );
      const problem = problemOf(result);
      if (problem) return say(problem.text, true);
      await showCases();
      say(t("cases.done"));
    });
    render(
      el("h2", {}, t("cases.heading", { country: nameOf(own()) })),
      cases.length
        ? table(
            "cases",
            [
              "column.case",
              "column.stage",
              "column.identified",
              "column.ageBand",
              "column.sex",
              "column.targetGroups",
            ],
            cases.map((c) =>
              el(
                "tr",
                {},
                el("td", {}, c.id),
                el("td", {}, label(c.stage)),
                el("td", {}, day(c.identifiedOn)),
                el("td", {}, label(c.ageBand)),
                el("td", {}, label(c.sex)),
                el("td", {}, c.targetGroups.map(label).join(", ")),
              ),
            ),
          )
        : el("p", {}, t("cases.empty")),
      form,
    );
  }

  // ---- Referrals sent ----------------------------------------------------------------------------------

  const SENT = `query($code: ID!) { country(code: $code) { referrals(first: 100) { nodes {
    id to { code } purpose urgency status sentAt response { decision } } } } }`;

  /** The profile's inputs for a purpose: only the fields it may carry, the required ones marked. */
  function profileInputs(purpose) {
    const rule = config.profileRules[purpose];
    return config.profileFields
      .filter((f) => rule.required.includes(f) || rule.optional.includes(f))
      .map((f) => {
        const required = rule.required.includes(f);
        const text = `${t(`profile.${f}`)}${required ? ` (${t("sent.required")})` : ""}`;
        const name = `profile.${f}`;
        if (f === "targetGroups")
          return el("fieldset", {}, el("legend", {}, text), checkboxes(name, config.enums.TargetGroup));
        if (f === "sex") return field(text, select(name, config.enums.Sex, { required, empty: "" }));
        if (f === "ageBand") return field(text, select(name, config.enums.AgeBand, { required, empty: "" }));
        if (f === "ageDisputed")
          return el("label", { class: "inline" }, el("input", { type: "checkbox", name }), text);
        if (f === "birthYear")
          return field(
            text,
            el("input", { type: "number", name, min: "1990", max: "2100", required: required ? "" : null }),
          );
        return field(text, el("textarea", { name, rows: "1", required: required ? "" : null }));
      });
  }

  function profileOf(form) {
    const profile = {};
    for (const f of config.profileFields) {
      const name = `profile.${f}`;
      if (!form.elements.namedItem(name) && !form.querySelector(`[name="${name}"]`)) continue;
      if (f === "targetGroups") {
        const groups = checked(form, name);
        if (groups.length) profile[f] = groups;
      } else if (f === "ageDisputed") {
        if (form.elements.namedItem(name).checked) profile[f] = true;
      } else if (f === "languages") {
        const languages = (value(form, name) || "")
          .split(",")
          .map((l) => l.trim())
          .filter(Boolean);
        if (languages.length) profile[f] = languages;
      } else if (f === "birthYear") {
        if (value(form, name)) profile[f] = Number(value(form, name));
      } else if (value(form, name)) profile[f] = value(form, name);
    }
    return profile;
  }

  async function showSent() {
    const { render, refuse } = visit();
    render(el("p", { class: "muted" }, t("loading")));
    const [result, cases] = await Promise.all([run(SENT, { code: own() }), ownCases()]);
    const problem = problemOf(result);
    if (problem) return refuse(problem.text);
    const referrals = result.data.country.referrals.nodes;
    const profile = el("fieldset", { id: "profile" });
    const purpose = select("purpose", config.enums.ReferralPurpose);
    const showProfile = () =>
      profile.replaceChildren(el("legend", {}, t("sent.profile")), ...profileInputs(purpose.value));
    purpose.addEventListener("change", showProfile);
    showProfile();
    const form = el(
      "form",
      { id: "send-referral", class: "panel" },
      el("h3", {}, t("sent.create")),
      cases.length
        ? [
            field(
              t("sent.case"),
              el(
                "select",
                { name: "caseId", required: "" },
                cases.map((c) =>
                  el("option", { value: c.id }, `${c.id} (${label(c.stage)}, ${day(c.identifiedOn)})`),
                ),
              ),
            ),
            field(
              t("sent.to"),
              el(
                "select",
                { name: "to", required: "" },
                config.countries
                  .filter((c) => c.code !== own())
                  .map((c) => el("option", { value: c.code }, c.name)),
              ),
            ),
            field(t("sent.purpose"), purpose),
            field(t("sent.urgency"), select("urgency", config.enums.Urgency)),
            profile,
            el("button", { type: "submit" }, t("sent.submit")),
          ]
        : el("p", {}, t("sent.noCase")),
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const input = {
        idempotencyKey: crypto.randomUUID(),
        caseId: form.elements.caseId.value,
        to: form.elements.to.value,
        purpose: purpose.value,
        urgency: form.elements.urgency.value,
        profile: profileOf(form),
      };
      const namespace = countryOf(own()).namespace;
      const sent = await run(
        `mutation($input: SendReferralInput!) { ${namespace} { sendReferral(input: $input) { id } } }`,
        { input },
      );
      const failed = problemOf(sent);
      if (failed) return say(failed.text, true);
      await showSent();
      say(t("sent.done", { country: nameOf(input.to) }));
    });
    render(
      el("h2", {}, t("sent.heading", { country: nameOf(own()) })),
      referrals.length
        ? table(
            "sent",
            [
              "column.to",
              "column.purpose",
              "column.urgency",
              "column.sent",
              "column.status",
              "column.response",
            ],
            referrals.map((r) =>
              el(
                "tr",
                { "data-referral": r.id },
                el(
                  "td",
                  {},
                  el(
                    "a",
                    { href: `#referral/${own()}/${r.id}` },
                    t("openSent", { country: nameOf(r.to.code), purpose: label(r.purpose) }),
                  ),
                ),
                el("td", {}, label(r.purpose)),
                el("td", {}, label(r.urgency)),
                el("td", {}, day(r.sentAt)),
                el("td", {}, label(r.status)),
                el("td", {}, r.response ? label(r.response.decision) : t("unanswered")),
              ),
            ),
          )
        : el("p", {}, t("sent.empty")),
      form,
    );
  }

  // ---- Navigation --------------------------------------------------------------------------------------

  async function route() {
    notice.textContent = "";
    const [section, from, id] = location.hash.slice(1).split("/");
    for (const link of document.querySelectorAll("#sections a")) {
      if (link.getAttribute("href") === `#${section || "inbox"}`) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
    try {
      if (section === "referral" && from && id) await Promise.all([showReferral(from, id), doorbells()]);
      else if (section === "cases") await Promise.all([showCases(), doorbells()]);
      else if (section === "sent") await Promise.all([showSent(), doorbells()]);
      else await showInbox();
    } catch (error) {
      say(error.message, true);
    }
  }

  window.ncp.auth.mountSignIn(document.getElementById("account"), {
    t,
    onChange: (current) => {
      session = current;
      if (!session) return view.replaceChildren(el("p", {}, t("signedOut")));
      if (session.claims.role !== "NCP_OFFICER") {
        return view.replaceChildren(
          el("p", { class: "error" }, t("notOfficer", { role: label(session.claims.role) })),
        );
      }
      document.getElementById("sections").hidden = false;
      window.addEventListener("hashchange", route);
      route();
    },
  });
})();
