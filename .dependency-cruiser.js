/**
 * The folder layers of docs/architecture.md, enforced: a folder imports only from folders below it.
 * `npm run check` and test/unit/layers.test.ts run these rules.
 */
/**
 * Rules for floors listed top to bottom: nothing imports a floor above its own, and no folder imports
 * another on the same floor. Files on a floor (`ids`, `pagination`: small helpers) may use each other.
 */
function floors(root, list) {
  const pattern = (entries) => `^${root}(${entries.map((e) => e.replace(/[.]/g, "[.]")).join("|")})`;
  const listed = list.flat().filter((entry) => entry.endsWith("/"));
  const rules = [
    {
      name: `every-folder-on-a-floor-${root.replace(/\W/g, "")}`,
      comment: `A folder of ${root} that no floor lists is checked by nothing: give it its floor here.`,
      severity: "error",
      from: { path: `^${root}[^/]+/`, pathNot: `^${root}(${listed.join("|")})` },
      to: { path: "." },
    },
  ];
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
    const folders = floor.filter((entry) => entry.endsWith("/"));
    if (folders.length > 1) {
      rules.push({
        name: `no-import-across-${folders[0].replace(/\W/g, "")}`,
        severity: "error",
        from: { path: `^${root}(${folders.join("|")})` },
        to: { path: `^${root}(${folders.join("|")})`, pathNot: `^${root}$1` },
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
      to: { path: `^${root}(packages|subgraphs|gateway|scripts|test)/` },
    },
    {
      name: "core-imports-only-schema",
      comment: "packages/core/ sits under the services and may use only schema/.",
      severity: "error",
      from: { path: `^${root}packages/core/` },
      to: { path: `^${root}(subgraphs|gateway|scripts|test)/` },
    },
    {
      name: "core-only-through-its-public-face",
      comment:
        "Outside packages/core, its code is imported as `#core` (index.ts), or `#core/tracing` first thing.",
      severity: "error",
      from: { pathNot: `^${root}packages/core/` },
      to: { path: `^${root}packages/core/`, pathNot: `^${root}packages/core/src/(index|edge|tracing)[.]ts$` },
    },
    {
      name: "the-gateway-takes-only-the-edge-of-core",
      comment: "The gateway imports `#core/edge`, not `#core`: no store, no GraphQL types, a lighter hub.",
      severity: "error",
      from: { path: `^${root}gateway/` },
      to: { path: `^${root}packages/core/src/index[.]ts$` },
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
    // Inside scripts/: the folders by concern, top to bottom (the entry points at scripts/*.ts use any).
    ...floors(`${root}scripts/`, [
      ["bench/", "compose/", "report/"],
      ["federation/", "national-system/"],
      ["demo/", "store/"],
      ["process/"],
    ]),
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
      ["ids", "pagination", "state-machine", "idempotency", "validators", "optional", "child-move", "by-ids"],
    ]),
    {
      name: "modules-do-not-import-the-wiring",
      comment: "main.ts, schema.ts and assembly.ts assemble the modules; no module imports them.",
      severity: "error",
      from: { path: `^${root}subgraphs/national/src/modules/` },
      to: { path: `^${root}subgraphs/national/src/(main|schema|assembly)[.]ts$` },
    },
    {
      name: "the-frame-imports-no-module",
      comment:
        "The request's frame (context.type.ts, store.ts, config.ts, ...) sits below the modules: they fill its " +
        "interfaces (`StoreParts`, `Loaders`, `Services`), it names none of them.",
      severity: "error",
      from: {
        path: `^${root}subgraphs/national/src/[^/]+[.]ts$`,
        pathNot: `^${root}subgraphs/national/src/(main|schema|assembly)[.]ts$`,
      },
      to: { path: `^${root}subgraphs/national/src/(modules/|(main|schema|assembly)[.]ts$)` },
    },
    // Inside the directory subgraph: the activity tracker refers to the events it follows, not the reverse;
    // the countries, the events and the witness know nothing of each other.
    ...floors(`${root}subgraphs/directory/src/`, [["activities/"], ["events/", "witness/", "country/"]]),
    {
      name: "directory-modules-do-not-import-the-wiring",
      comment: "main.ts, schema.ts and assembly.ts assemble the directory's modules; no module imports them.",
      severity: "error",
      from: { path: `^${root}subgraphs/directory/src/[^/]+/` },
      to: { path: `^${root}subgraphs/directory/src/(main|schema|assembly)[.]ts$` },
    },
    {
      name: "the-directory-frame-imports-no-module",
      comment:
        "The directory's frame (context.type.ts, store.ts) sits below its modules, as the national one does.",
      severity: "error",
      from: {
        path: `^${root}subgraphs/directory/src/[^/]+[.]ts$`,
        pathNot: `^${root}subgraphs/directory/src/(main|schema|assembly)[.]ts$`,
      },
      to: { path: `^${root}subgraphs/directory/src/([^/]+/|(main|schema|assembly)[.]ts$)` },
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
