import { stringify } from "yaml";
import {
  databaseName,
  DIRECTORY_SUBGRAPH,
  ENABLED_COUNTRIES,
  nationalSubgraphName,
  subgraphUrlVariable,
} from "../../schema/registry";

/** Port every service listens on inside its own container. */
export const CONTAINER_PORT = 4000;
export const MONGO_IMAGE = "mongo:7.0";

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

const app = (command: string, environment: Record<string, string>) => ({
  image: "cbss-ncp-federation:latest",
  build: ".",
  command: ["node", command],
  environment: { NODE_ENV: "production", HOST: "0.0.0.0", PORT: String(CONTAINER_PORT), ...environment },
  healthcheck: readyCheck,
  restart: "unless-stopped",
});

/**
 * The production topology: per enabled country a MongoDB (single-node replica set, own volume) and a
 * national subgraph; the Children's Unit's directory and gateway. In a real deployment each country runs
 * its own two services on its own infrastructure; this file keeps them side by side for a full rehearsal.
 */
export function renderDockerCompose(): string {
  const services: Record<string, unknown> = {};
  const volumes: Record<string, object> = {};

  for (const country of ENABLED_COUNTRIES) {
    const code = country.code.toLowerCase();
    const mongo = `mongo-${code}`;
    const replicaSet = `rs-${code}`;
    volumes[`${mongo}-data`] = {};
    services[mongo] = {
      image: MONGO_IMAGE,
      command: ["--replSet", replicaSet, "--bind_ip_all"],
      volumes: [`${mongo}-data:/data/db`],
      healthcheck: {
        // Initiates the single-node replica set on first start, then reports its health.
        test: [
          "CMD",
          "mongosh",
          "--quiet",
          "--eval",
          "try { rs.status().ok } catch (e) { rs.initiate().ok }",
        ],
        interval: "10s",
        timeout: "5s",
        retries: 6,
      },
      restart: "unless-stopped",
    };
    services[nationalSubgraphName(country)] = {
      ...app("dist/subgraphs/national/src/main.js", {
        COUNTRY: country.code,
        MONGODB_URI: `mongodb://${mongo}:27017/${databaseName(country)}?replicaSet=${replicaSet}&directConnection=true`,
        KEYS_DIR: "/run/keys",
        GATEWAY_URL: `http://gateway:${CONTAINER_PORT}/graphql`,
      }),
      volumes: ["./keys:/run/keys:ro"],
      depends_on: { [mongo]: { condition: "service_healthy" } },
    };
  }

  // Each service gets only the public keys it verifies with; the gateway also its own credential key.
  services[DIRECTORY_SUBGRAPH] = {
    ...app("dist/subgraphs/directory/src/main.js", { KEYS_DIR: "/run/keys" }),
    volumes: ["./keys:/run/keys:ro"],
  };
  const subgraphs = [DIRECTORY_SUBGRAPH, ...ENABLED_COUNTRIES.map(nationalSubgraphName)];
  services.gateway = {
    ...app(
      "dist/gateway/src/main.js",
      Object.fromEntries(
        subgraphs.map((name) => [subgraphUrlVariable(name), `http://${name}:${CONTAINER_PORT}/graphql`]),
      ),
    ),
    ports: [`4000:${CONTAINER_PORT}`],
    depends_on: { [DIRECTORY_SUBGRAPH]: { condition: "service_started" } },
  };

  return stringify({ name: "cbss-ncp-federation", services, volumes }, { lineWidth: 0 });
}
