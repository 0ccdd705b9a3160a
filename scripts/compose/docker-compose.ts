// docker-compose.yml, the production topology, rendered from the registry by renderDockerCompose.
import { stringify } from "yaml";
import { GATEWAY_NODE_FLAGS } from "../../gateway/src/config";
import { GATEWAY_SERVICE, identityProviders, issuerVariable } from "#core";
import {
  databaseName,
  DIRECTORY_DATABASE,
  DIRECTORY_SUBGRAPH,
  ENABLED_COUNTRIES,
  nationalSubgraphName,
  subgraphUrlVariable,
} from "#schema/registry";

/** Port every service listens on inside its own container. */
export const CONTAINER_PORT = 4000;
export const MONGO_IMAGE = "mongo:7.0";
/** The network the gateway, the directory and the national subgraphs share. */
export const FEDERATION_NETWORK = "federation";
/** The network one store shares with its one subgraph, and nothing else. */
export const storeNetwork = (name: string) => `store-${name}`;
/**
 * The subgraph's user of each store, allowed to read and write its one database and nothing else, and the
 * variable that gives its password (`MONGO_PASSWORD_SE`).
 */
export const STORE_USER = "ncp";
export const storePasswordVariable = (name: string) => `MONGO_PASSWORD_${name.toUpperCase()}`;
/**
 * Each store's administrator, who creates the subgraph's user; its password (`MONGO_ADMIN_PASSWORD_SE`) is
 * given to the store alone.
 */
export const STORE_ADMIN = "admin";
export const storeAdminPasswordVariable = (name: string) => `MONGO_ADMIN_PASSWORD_${name.toUpperCase()}`;

/**
 * The store's health check, run by mongosh as its administrator: initiates the single-node replica set on
 * first start; once it is primary, creates the subgraph's user if it is missing; healthy only when both
 * are done, so that no subgraph starts before its login exists (docs/deploy.md: older volumes).
 */
const STORE_HEALTH = [
  "let ok = 0;",
  "try { ok = rs.status().ok; } catch (e) { rs.initiate(); }",
  'const admin = db.getSiblingDB("admin");',
  "if (ok && db.hello().isWritablePrimary && !admin.getUser(process.env.STORE_USER))",
  "admin.createUser({ user: process.env.STORE_USER, pwd: process.env.STORE_PASSWORD,",
  'roles: [{ role: "readWrite", db: process.env.STORE_DATABASE }] });',
  "quit(ok && admin.getUser(process.env.STORE_USER) ? 0 : 1);",
].join(" ");

const GATEWAY_URL = `http://gateway:${CONTAINER_PORT}/graphql`;
/** The gateway's GraphQL URL as callers reach it, which their proofs of possession name (docs/security.md). */
const GATEWAY_PUBLIC = {
  GATEWAY_PUBLIC_URL: "${GATEWAY_PUBLIC_URL:?set the gateway's GraphQL URL as its callers reach it}",
};
const KEYS = { KEYS_DIR: "/run/keys" };
/**
 * Every identity provider's issuer URL, given when the file is used (`ISSUER_SE=https://... docker compose
 * up`): each country runs its own OpenID Connect provider, the Children's Unit its own. The subgraphs fetch
 * their keys from it; the gateway's pages send people there to sign in.
 */
const ISSUERS = Object.fromEntries(
  identityProviders().map(({ id }) => [
    issuerVariable(id),
    `\${${issuerVariable(id)}:?set the issuer URL of the identity provider '${id}'}`,
  ]),
);
/**
 * Each service mounts its own keys folder only (`npm start` lays them out the same way): its own private
 * key and the public keys it verifies with. No service sees another's private key or an identity
 * provider's.
 */
const keysVolume = (service: string) => [`./keys/${service}:/run/keys:ro`];

const readyCheck = {
  test: [
    "CMD",
    "node",
    "-e",
    `fetch('http://127.0.0.1:${CONTAINER_PORT}/readyz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
  ],
  interval: "10s",
  timeout: "5s",
  retries: 6,
};

const app = (command: string, environment: Record<string, string>, nodeFlags: string[] = []) => ({
  image: "cbss-ncp-federation:latest",
  build: ".",
  command: ["node", ...nodeFlags, command],
  environment: { NODE_ENV: "production", HOST: "0.0.0.0", PORT: String(CONTAINER_PORT), ...environment },
  healthcheck: readyCheck,
  restart: "unless-stopped",
});

/**
 * The production topology: per enabled country a MongoDB (single-node replica set, own volume) and a
 * national subgraph; the Children's Unit's directory (with a MongoDB of its own for witnessed audit
 * heads) and gateway. In a real deployment each country runs its own two services on its own
 * infrastructure; this file keeps them side by side for a full rehearsal.
 */
export function renderDockerCompose(): string {
  const services: Record<string, unknown> = {};
  const volumes: Record<string, object> = {};
  /**
   * The services talk on `federation`; each store sits alone with its one subgraph on a network of its own,
   * internal (no route out), so that no other service, nor a compromised neighbour, can reach it.
   */
  const networks: Record<string, object> = { [FEDERATION_NETWORK]: {} };

  /**
   * Adds `mongo-<name>` with its own volume and network and returns the URI of `database` in it. The store
   * requires authentication: the subgraph logs in as a user who may read and write `database` only, its
   * administrator's password stays with the store (both given when the file is used), and the replica
   * set's members authenticate to each other with the key file in `./keys/mongo-<name>/keyfile`, which the
   * entrypoint copies where mongod accepts it (owned by mongodb, readable by it alone).
   */
  const mongo = (name: string, database: string): string => {
    const replicaSet = `rs-${name}`;
    const password = `\${${storePasswordVariable(name)}:?set the password of the store '${name}' (letters and digits)}`;
    const adminPassword = `\${${storeAdminPasswordVariable(name)}:?set the administrator password of the store '${name}'}`;
    volumes[`mongo-${name}-data`] = {};
    networks[storeNetwork(name)] = { internal: true };
    services[`mongo-${name}`] = {
      image: MONGO_IMAGE,
      entrypoint: [
        "bash",
        "-c",
        'install -m 400 -o mongodb -g mongodb /run/keys/keyfile /data/keyfile && exec docker-entrypoint.sh "$$@"',
        "--",
      ],
      command: ["mongod", "--replSet", replicaSet, "--bind_ip_all", "--keyFile", "/data/keyfile"],
      environment: {
        MONGO_INITDB_ROOT_USERNAME: STORE_ADMIN,
        MONGO_INITDB_ROOT_PASSWORD: adminPassword,
        STORE_USER,
        STORE_PASSWORD: password,
        STORE_DATABASE: database,
      },
      volumes: [`mongo-${name}-data:/data/db`, `./keys/mongo-${name}:/run/keys:ro`],
      networks: [storeNetwork(name)],
      healthcheck: {
        test: [
          "CMD-SHELL",
          'mongosh --quiet -u "$$MONGO_INITDB_ROOT_USERNAME" -p "$$MONGO_INITDB_ROOT_PASSWORD" ' +
            `--authenticationDatabase admin --eval '${STORE_HEALTH}'`,
        ],
        interval: "10s",
        timeout: "5s",
        retries: 6,
      },
      restart: "unless-stopped",
    };
    return (
      `mongodb://${STORE_USER}:${password}@mongo-${name}:27017/${database}` +
      `?authSource=admin&replicaSet=${replicaSet}&directConnection=true`
    );
  };

  for (const country of ENABLED_COUNTRIES) {
    const code = country.code.toLowerCase();
    services[nationalSubgraphName(country)] = {
      ...app("dist/subgraphs/national/src/main.js", {
        COUNTRY: country.code,
        MONGODB_URI: mongo(code, databaseName(country)),
        GATEWAY_URL,
        ...GATEWAY_PUBLIC,
        // As a national system on the federation network reaches it directly (its proofs name it).
        PUBLIC_URL: `http://${nationalSubgraphName(country)}:${CONTAINER_PORT}/graphql`,
        ...KEYS,
        ...ISSUERS,
      }),
      volumes: keysVolume(nationalSubgraphName(country)),
      networks: [FEDERATION_NETWORK, storeNetwork(code)],
      depends_on: { [`mongo-${code}`]: { condition: "service_healthy" } },
    };
  }

  services[DIRECTORY_SUBGRAPH] = {
    ...app("dist/subgraphs/directory/src/main.js", {
      MONGODB_URI: mongo(DIRECTORY_SUBGRAPH, DIRECTORY_DATABASE),
      GATEWAY_URL,
      ...GATEWAY_PUBLIC,
      ...KEYS,
      ...ISSUERS,
    }),
    volumes: keysVolume(DIRECTORY_SUBGRAPH),
    networks: [FEDERATION_NETWORK, storeNetwork(DIRECTORY_SUBGRAPH)],
    depends_on: { [`mongo-${DIRECTORY_SUBGRAPH}`]: { condition: "service_healthy" } },
  };
  const subgraphs = [DIRECTORY_SUBGRAPH, ...ENABLED_COUNTRIES.map(nationalSubgraphName)];
  services.gateway = {
    ...app(
      "dist/gateway/src/main.js",
      {
        ...GATEWAY_PUBLIC,
        ...KEYS,
        ...ISSUERS,
        ...Object.fromEntries(
          subgraphs.map((name) => [subgraphUrlVariable(name), `http://${name}:${CONTAINER_PORT}/graphql`]),
        ),
      },
      GATEWAY_NODE_FLAGS,
    ),
    volumes: keysVolume(GATEWAY_SERVICE),
    networks: [FEDERATION_NETWORK],
    ports: [`4000:${CONTAINER_PORT}`],
    depends_on: { [DIRECTORY_SUBGRAPH]: { condition: "service_started" } },
  };

  // YAML 1.1, as docker-compose 1.x reads it: `NO` (Norway) is then quoted, not read as `false`. No
  // top-level `name`, which docker-compose 1.x refuses: the project is named by its folder or `-p`.
  return stringify({ services, volumes, networks }, { lineWidth: 0, version: "1.1" });
}
