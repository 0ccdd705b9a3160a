import express from "express";
import { EnumTypeDefinitionNode, Kind, parse } from "graphql";
import { join } from "node:path";
import { ROOT_DIR } from "../../subgraphs/shared/src/paths";

const PUBLIC = join(ROOT_DIR, "gateway", "public");

/**
 * The public NCP directory and the RFP dashboard: static pages that read everything through this
 * gateway's GraphQL endpoint. Nothing is loaded from elsewhere (the chart library is served from here),
 * and their content security policy says so.
 */
export function mountPages(app: express.Express, supergraphSdl: string): void {
  const pages = express.Router();
  pages.use((_req, res, next) => {
    res.setHeader(
      "Content-Security-Policy",
      "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
    );
    res.setHeader("X-Content-Type-Options", "nosniff");
    next();
  });
  pages.get("/directory", (_req, res) => res.sendFile(join(PUBLIC, "directory.html")));
  pages.get("/dashboard", (_req, res) => res.sendFile(join(PUBLIC, "dashboard.html")));
  pages.get("/partners", (_req, res) => res.sendFile(join(PUBLIC, "partners.html")));
  // The search's choices, from the composed schema (introspection is off in production).
  const choices = { services: enumValues(supergraphSdl, "PartnerService") };
  pages.get("/partners/choices.json", (_req, res) => res.json(choices));
  pages.use(
    "/assets/vendor",
    express.static(join(ROOT_DIR, "node_modules", "chart.js", "dist"), { index: false }),
  );
  pages.use("/assets", express.static(PUBLIC, { index: false }));
  app.use(pages);
}

function enumValues(sdl: string, name: string): string[] {
  const definition = parse(sdl).definitions.find(
    (d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === name,
  );
  return definition?.values?.map((v) => v.name.value) ?? [];
}
