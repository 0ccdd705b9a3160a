import express from "express";
import { EnumTypeDefinitionNode, Kind, parse } from "graphql";
import { join } from "node:path";
import { PROFILE_FIELDS, PROFILE_RULES } from "#schema/profile-rules";
import { ENABLED_COUNTRIES, mutationNamespace } from "#schema/registry";
import { CHILDRENS_UNIT_IDP, identityProviders, ROOT_DIR } from "#core/edge";

const PUBLIC = join(ROOT_DIR, "gateway", "public");

/**
 * The public NCP directory and partner search, the RFP dashboard and the NCP workspace: static pages that
 * read everything through this gateway's GraphQL endpoint with the signed-in person's own token. Nothing
 * is loaded from elsewhere (the chart library is served from here), nothing is stored here, and their
 * content security policy says so: the only other origins they talk to are the identity providers'.
 */
export function mountPages(app: express.Express, supergraphSdl: string): void {
  const providers = identityProviders();
  const providerOrigins = [...new Set(providers.map((p) => new URL(p.issuer).origin))];
  const pages = express.Router();
  pages.use((_req, res, next) => {
    res.setHeader(
      "Content-Security-Policy",
      `default-src 'self'; connect-src 'self' ${providerOrigins.join(" ")}; img-src 'self' data:; ` +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
    res.setHeader("X-Content-Type-Options", "nosniff");
    // The sign-in's return address carries a one-time code: no page tells another site where it was.
    res.setHeader("Referrer-Policy", "no-referrer");
    next();
  });
  for (const page of ["directory", "dashboard", "partners", "workspace", "signin"]) {
    pages.get(`/${page}`, (_req, res) => res.sendFile(join(PUBLIC, `${page}.html`)));
  }
  // The search's choices, from the composed schema (introspection is off in production).
  const choices = { services: enumValues(supergraphSdl, "PartnerService") };
  pages.get("/partners/choices.json", (_req, res) => res.json(choices));
  // Where people sign in: their country's identity provider, or the Children's Unit's.
  const signIn = {
    providers: providers.map((p) => ({
      id: p.id,
      issuer: p.issuer,
      name: p.id === CHILDRENS_UNIT_IDP ? "Children's Unit (RFP staff)" : countryName(p.country!),
    })),
  };
  pages.get("/signin/providers.json", (_req, res) => res.json(signIn));
  // What the workspace's forms offer, from the registry and the composed schema.
  const workspace = {
    countries: ENABLED_COUNTRIES.map((c) => ({
      code: c.code,
      name: c.name,
      namespace: mutationNamespace(c),
    })),
    profileFields: PROFILE_FIELDS,
    profileRules: PROFILE_RULES,
    enums: Object.fromEntries(
      ["ReferralPurpose", "Urgency", "Decision", "ReturnEventKind", "TargetGroup", "Sex", "AgeBand"].map(
        (name) => [name, enumValues(supergraphSdl, name)],
      ),
    ),
  };
  pages.get("/workspace/config.json", (_req, res) => res.json(workspace));
  pages.use(
    "/assets/vendor",
    express.static(join(ROOT_DIR, "node_modules", "chart.js", "dist"), { index: false }),
  );
  pages.use("/assets", express.static(PUBLIC, { index: false }));
  app.use(pages);
}

const countryName = (code: string) => ENABLED_COUNTRIES.find((c) => c.code === code)?.name ?? code;

function enumValues(sdl: string, name: string): string[] {
  const definition = parse(sdl).definitions.find(
    (d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === name,
  );
  return definition?.values?.map((v) => v.name.value) ?? [];
}
