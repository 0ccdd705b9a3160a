/**
 * The folder layers of docs/architecture.md, enforced: a folder imports only from folders below it.
 * `npm run check` and test/unit/layers.test.ts run these rules.
 */
const SERVICES = "^(gateway|subgraphs/national|subgraphs/directory)/";

/**
 * Rules for floors listed top to bottom: nothing imports a floor above its own, and no folder imports
 * another on the same floor. The base floor's files are exempt from each other (they are small helpers).
 */
function floors(root, list) {
  const pattern = (entries) => `^${root}(${entries.map((e) => e.replace(/[.]/g, "[.]")).join("|")})`;
  const rules = [];
  list.forEach((floor, level) => {
    const above = list.slice(0, level).flat();
    if (above.length) {
      rules.push({
        name: `no-import-up-from-${floor[0].replace(/\W/g, "")}`,
        severity: "error",
        from: { path: pattern(floor) },
        to: { path: pattern(above) },
      });
    }
    if (floor.length > 1 && level < list.length - 1) {
      rules.push({
        name: `no-import-across-${floor[0].replace(/\W/g, "")}`,
        severity: "error",
        from: { path: `^${root}(${floor.join("|")})` },
        to: { path: `^${root}(${floor.join("|")})`, pathNot: `^${root}$1` },
      });
    }
  });
  return rules;
}

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
    // Inside the national subgraph: the module floors of docs/architecture.md, top to bottom.
    ...floors("subgraphs/national/src/modules/", [
      ["country/"],
      ["return-gate/", "deadline/", "erasure/"],
      ["counterpart/", "statistics/"],
      ["response/", "return-event/", "message/"],
      ["referral/"],
      ["case/", "audit/", "network/", "notification/"],
      // The Country interface declares the contact points, so the contact-point module sits below it.
      ["country-ref"],
      ["contact-point/"],
      ["ids", "pagination", "state-machine", "idempotency", "validators", "optional", "child-move"],
    ]),
    {
      name: "modules-do-not-import-the-wiring",
      comment: "main.ts, schema.ts and loaders.ts assemble the modules; no module imports them.",
      severity: "error",
      from: { path: "^subgraphs/national/src/modules/" },
      to: { path: "^subgraphs/national/src/(main|schema|loaders)[.]ts$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|node_modules)/" },
    tsConfig: { fileName: "tsconfig.json" },
  },
};
