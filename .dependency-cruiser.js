/**
 * The folder layers of docs/architecture.md, enforced: a folder imports only from folders below it.
 * `npm run check` and test/unit/layers.test.ts run these rules.
 */
const SERVICES = "^(gateway|subgraphs/national|subgraphs/directory)/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "schema-imports-nothing-of-the-project",
      comment: "schema/ is the bottom layer: the registry and what is derived from it.",
      severity: "error",
      from: { path: "^schema/" },
      to: { path: "^(subgraphs|gateway|scripts|test)/" },
    },
    {
      name: "shared-imports-only-schema",
      comment: "subgraphs/shared/ sits under the services and may use only schema/.",
      severity: "error",
      from: { path: "^subgraphs/shared/" },
      to: { path: "^(subgraphs/national|subgraphs/directory|gateway|scripts|test)/" },
    },
    {
      name: "services-do-not-import-each-other",
      comment: "The gateway and the subgraphs talk over HTTP, as deployed; none imports another.",
      severity: "error",
      from: { path: SERVICES },
      to: { path: SERVICES, pathNot: "^$1" },
    },
    {
      name: "services-do-not-import-scripts-or-tests",
      severity: "error",
      from: { path: SERVICES },
      to: { path: "^(scripts|test)/" },
    },
    {
      name: "scripts-do-not-import-tests",
      severity: "error",
      from: { path: "^scripts/" },
      to: { path: "^test/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|node_modules)/" },
    tsConfig: { fileName: "tsconfig.json" },
  },
};
