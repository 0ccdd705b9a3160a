/**
 * The folder layers of docs/architecture.md, enforced: a folder imports only from folders below it.
 * `npm run check` and test/unit/layers.test.ts run these rules.
 */
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

/**
 * The rules, for the project's own tree (`root` = "") or for a copy of its layout elsewhere (the fixtures of
 * test/unit/layers.test.ts, which show each rule firing).
 */
function layerRules(root) {
  const services = `^${root}(gateway|subgraphs/national|subgraphs/directory)/`;
  return [
    {
      name: "schema-imports-nothing-of-the-project",
      comment: "schema/ is the bottom layer: the registry and what is derived from it.",
      severity: "error",
      from: { path: `^${root}schema/` },
      to: { path: `^${root}(subgraphs|gateway|scripts|test)/` },
    },
    {
      name: "shared-imports-only-schema",
      comment: "subgraphs/shared/ sits under the services and may use only schema/.",
      severity: "error",
      from: { path: `^${root}subgraphs/shared/` },
      to: { path: `^${root}(subgraphs/national|subgraphs/directory|gateway|scripts|test)/` },
    },
    {
      name: "services-do-not-import-each-other",
      comment: "The gateway and the subgraphs talk over HTTP, as deployed; none imports another.",
      severity: "error",
      from: { path: services },
      to: { path: services, pathNot: `^${root}$1` },
    },
    {
      name: "services-do-not-import-scripts-or-tests",
      severity: "error",
      from: { path: services },
      to: { path: `^${root}(scripts|test)/` },
    },
    {
      name: "scripts-do-not-import-tests",
      severity: "error",
      from: { path: `^${root}scripts/` },
      to: { path: `^${root}test/` },
    },
    // Inside the national subgraph: the module floors of docs/architecture.md, top to bottom.
    ...floors(`${root}subgraphs/national/src/modules/`, [
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
      from: { path: `^${root}subgraphs/national/src/modules/` },
      to: { path: `^${root}subgraphs/national/src/(main|schema|loaders)[.]ts$` },
    },
    // Inside the directory subgraph: the activity tracker refers to the events it follows, not the reverse.
    ...floors(`${root}subgraphs/directory/src/`, [["activities/"], ["events/"]]),
    {
      name: "directory-modules-do-not-import-the-wiring",
      comment: "main.ts and schema.ts assemble the directory's modules; no module imports them.",
      severity: "error",
      from: { path: `^${root}subgraphs/directory/src/(activities|events)/` },
      to: { path: `^${root}subgraphs/directory/src/(main|schema)[.]ts$` },
    },
    {
      name: "no-circular-imports",
      comment: "A circle has no bottom: each file in it waits on the others to load.",
      severity: "error",
      from: { path: `^${root}` },
      to: { circular: true },
    },
  ];
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: layerRules(""),
  options: {
    // Type-only imports count too: a type from a floor above is as much a climb as a value.
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    // The fixtures break the rules on purpose; test/unit/layers.test.ts checks them with their own root.
    exclude: { path: "^(dist|node_modules|test/fixtures)/" },
    tsConfig: { fileName: "tsconfig.json" },
  },
};
// For the layers test's fixtures; not enumerable, since dependency-cruiser copies its configuration.
Object.defineProperty(module.exports, "layerRules", { value: layerRules });
