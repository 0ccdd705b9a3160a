import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { generateArtifacts } from "../../scripts/compose/artifacts";
import { FEDERATION_NETWORK, MONGO_IMAGE, storeNetwork } from "../../scripts/compose/docker-compose";
import {
  databaseName,
  DIRECTORY_SUBGRAPH,
  ENABLED_COUNTRIES,
  nationalSubgraphName,
  subgraphUrlVariable,
} from "#schema/registry";
import { ROOT_DIR } from "#core";

let artifacts: Map<string, string>;
beforeAll(async () => {
  artifacts = await generateArtifacts();
}, 60_000);

describe("generated artifacts", () => {
  it("the checked-in subgraph SDL, supergraph, API schema, trusted operations and docker-compose.yml match the registry and code (run npm run compose)", () => {
    expect(artifacts.size).toBe(ENABLED_COUNTRIES.length + 5);
    for (const [path, content] of artifacts) {
      expect({ path, content: readFileSync(join(ROOT_DIR, path), "utf8") }).toEqual({ path, content });
    }
  });

  it("the supergraph has one concrete Country type and one mutation namespace per enabled country", () => {
    const supergraph = artifacts.get("schema/supergraph.graphql")!;
    for (const country of ENABLED_COUNTRIES) {
      expect(supergraph).toContain(`type ${country.name} implements Country`);
      expect(supergraph).toMatch(new RegExp(`\\b${country.name.toLowerCase()}: ${country.name}Mutations!`));
    }
    expect(supergraph).not.toMatch(/Ukraine|Belarus|Moldova/);
  });
});

describe("docker-compose.yml, the production topology", () => {
  type Service = {
    image?: string;
    build?: string;
    environment?: Record<string, string>;
    healthcheck?: { test: string[] };
    depends_on?: Record<string, { condition: string }>;
    volumes?: string[];
    ports?: string[];
    networks?: string[];
  };
  let compose: {
    services: Record<string, Service>;
    volumes: Record<string, unknown>;
    networks: Record<string, { internal?: boolean } | null>;
  };
  beforeAll(() => {
    compose = parse(readFileSync(join(ROOT_DIR, "docker-compose.yml"), "utf8"));
  });

  it("runs an official mongo image with its own volume and key file, and a national subgraph per enabled country", () => {
    for (const country of ENABLED_COUNTRIES) {
      const code = country.code.toLowerCase();
      const mongo = compose.services[`mongo-${code}`];
      expect(mongo.image).toBe(MONGO_IMAGE);
      expect(mongo.image).toMatch(/^mongo:/);
      expect(mongo.volumes).toEqual([`mongo-${code}-data:/data/db`, `./keys/mongo-${code}:/run/keys:ro`]);
      expect(compose.volumes).toHaveProperty(`mongo-${code}-data`);

      const national = compose.services[nationalSubgraphName(country)];
      expect(national.environment!.COUNTRY).toBe(country.code);
      expect(national.environment!.MONGODB_URI).toContain(`mongo-${code}:27017/${databaseName(country)}`);
      expect(national.depends_on).toEqual({ [`mongo-${code}`]: { condition: "service_healthy" } });
    }
  });

  it("has a health check on every service and no service for a disabled country", () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect({ name, healthcheck: Boolean(service.healthcheck?.test?.length) }).toEqual({
        name,
        healthcheck: true,
      });
    }
    expect(Object.keys(compose.services).filter((name) => /-(ua|by|md)$/.test(name))).toEqual([]);
    expect(Object.keys(compose.services)).toHaveLength(ENABLED_COUNTRIES.length * 2 + 3);
    expect(compose.services["mongo-directory"].image).toBe(MONGO_IMAGE);
  });

  it("puts each store on an internal network of its own with its one subgraph, and nothing else", () => {
    const stores: Array<[string, string]> = [
      ...ENABLED_COUNTRIES.map((c): [string, string] => [c.code.toLowerCase(), nationalSubgraphName(c)]),
      [DIRECTORY_SUBGRAPH, DIRECTORY_SUBGRAPH],
    ];
    for (const [name, subgraph] of stores) {
      const network = storeNetwork(name);
      expect(compose.networks[network]).toEqual({ internal: true });
      const members = Object.entries(compose.services)
        .filter(([, service]) => service.networks?.includes(network))
        .map(([service]) => service)
        .sort();
      expect({ network, members }).toEqual({ network, members: [`mongo-${name}`, subgraph].sort() });
      expect(compose.services[`mongo-${name}`].networks).toEqual([network]);
    }
    expect(compose.services.gateway.networks).toEqual([FEDERATION_NETWORK]);
  });

  it("points the gateway at the directory and every national subgraph, and publishes only the gateway", () => {
    const gateway = compose.services.gateway;
    for (const name of [DIRECTORY_SUBGRAPH, ...ENABLED_COUNTRIES.map(nationalSubgraphName)]) {
      expect(gateway.environment![subgraphUrlVariable(name)]).toBe(`http://${name}:4000/graphql`);
    }
    const published = Object.entries(compose.services)
      .filter(([, s]) => s.ports?.length)
      .map(([n]) => n);
    expect(published).toEqual(["gateway"]);
  });
});
