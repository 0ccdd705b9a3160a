import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { DIRECTORY_SUBGRAPH, ENABLED_COUNTRIES, findCountry, nationalSubgraphName } from "#schema/registry";
import {
  STORE_ADMIN,
  storeAdminPasswordVariable,
  STORE_USER,
  storePasswordVariable,
} from "../../scripts/compose/docker-compose";
import { identityProviders, issuerVariable, ROOT_DIR } from "#core";

/**
 * docker-compose.yml as docker-compose itself reads it (Debian's docker-compose; no engine is needed for
 * `config`): valid, every value of the type the engine expects, and refused while an issuer is not named.
 */
const DOCKER_COMPOSE = process.env.DOCKER_COMPOSE_PATH ?? "/usr/bin/docker-compose";
const FILE = join(ROOT_DIR, "docker-compose.yml");
const issuers = Object.fromEntries(
  identityProviders({}).map(({ id }) => [issuerVariable(id), `https://login.${id}.example/ncp`]),
);
const STORES = [...ENABLED_COUNTRIES.map((c) => c.code.toLowerCase()), DIRECTORY_SUBGRAPH];
/** A different password per store, as an operator would give them. */
const passwords = Object.fromEntries(
  STORES.flatMap((store) => [
    [storePasswordVariable(store), `pw${store}4711`],
    [storeAdminPasswordVariable(store), `admin${store}0815`],
  ]),
);
const given: Record<string, string> = {
  ...issuers,
  ...passwords,
  GATEWAY_PUBLIC_URL: "https://ncp.cbss.example/graphql",
};

function compose(env: Record<string, string>) {
  if (!existsSync(DOCKER_COMPOSE)) {
    throw new Error(
      `No docker-compose at ${DOCKER_COMPOSE}: install Debian's package (apt-get install docker-compose) or set DOCKER_COMPOSE_PATH.`,
    );
  }
  const { PATH, HOME } = process.env;
  return promisify(execFile)(DOCKER_COMPOSE, ["--project-name", "cbss-ncp", "-f", FILE, "config"], {
    env: { PATH, HOME, ...env },
    cwd: ROOT_DIR,
  });
}

describe("docker-compose.yml, as docker-compose reads it", () => {
  it("is valid, with each country's identity provider named, and every value of the type the engine expects", async () => {
    const { stdout } = await compose(given);
    const config = parse(stdout, { version: "1.1" }) as {
      services: Record<string, { environment: Record<string, unknown> }>;
    };
    for (const country of ENABLED_COUNTRIES) {
      const { environment } = config.services[nationalSubgraphName(country)];
      // YAML 1.1 reads an unquoted NO (Norway) as false.
      expect(environment.COUNTRY).toBe(country.code);
      expect(environment.ISSUER_SE).toBe("https://login.se.example/ncp");
    }
    expect(config.services.gateway.environment.ISSUER_CBSS).toBe("https://login.cbss.example/ncp");
  });

  it.each([
    ["a country's identity provider", "ISSUER_SE", "set the issuer URL of the identity provider 'se'"],
    [
      "the gateway's public URL, which callers' proofs name",
      "GATEWAY_PUBLIC_URL",
      "set the gateway's GraphQL URL as its callers reach it",
    ],
    ["a store's password", "MONGO_PASSWORD_LT", "set the password of the store 'lt'"],
    [
      "a store's administrator password",
      "MONGO_ADMIN_PASSWORD_SE",
      "set the administrator password of the store 'se'",
    ],
  ])("refuses to run while %s is not given, and says which", async (_what, variable, message) => {
    const { [variable]: _missing, ...rest } = given;
    await expect(compose(rest)).rejects.toMatchObject({ stderr: expect.stringContaining(message) });
  });

  it("runs every store with authentication, and gives each subgraph its own store's login only", async () => {
    const { stdout } = await compose(given);
    const config = parse(stdout, { version: "1.1" }) as {
      services: Record<
        string,
        {
          command?: string[];
          environment?: Record<string, string>;
          volumes?: unknown[];
          healthcheck?: { test: string[] };
        }
      >;
    };
    for (const store of STORES) {
      const mongo = config.services[`mongo-${store}`];
      // Members of the replica set authenticate with a key file; clients with the store's one user.
      expect(mongo.command).toEqual(expect.arrayContaining(["--keyFile", "/data/keyfile"]));
      // The store's administrator is not the subgraph's user: the store's health check creates that user,
      // allowed to read and write the subgraph's own database and nothing else.
      const subgraph = store === DIRECTORY_SUBGRAPH ? store : nationalSubgraphName(findCountry(store)!);
      const database = new URL(config.services[subgraph].environment!.MONGODB_URI).pathname.slice(1);
      expect(mongo.environment).toMatchObject({
        MONGO_INITDB_ROOT_USERNAME: STORE_ADMIN,
        MONGO_INITDB_ROOT_PASSWORD: `admin${store}0815`,
        STORE_USER,
        STORE_PASSWORD: `pw${store}4711`,
        STORE_DATABASE: database,
      });
      expect(STORE_ADMIN).not.toBe(STORE_USER);
      const health = mongo.healthcheck!.test.join(" ");
      expect(health).toContain(
        "createUser({ user: process.env.STORE_USER, pwd: process.env.STORE_PASSWORD, " +
          'roles: [{ role: "readWrite", db: process.env.STORE_DATABASE }] })',
      );
      const uri = new URL(config.services[subgraph].environment!.MONGODB_URI);
      expect([uri.username, uri.password, uri.host]).toEqual([
        STORE_USER,
        `pw${store}4711`,
        `mongo-${store}:27017`,
      ]);
      // Neither another store's password nor any administrator's reaches the subgraph.
      const secrets = [
        ...STORES.filter((other) => other !== store).map((other) => `pw${other}4711`),
        ...STORES.map((other) => `admin${other}0815`),
      ];
      const environment = JSON.stringify(config.services[subgraph].environment);
      expect(secrets.filter((secret) => environment.includes(secret))).toEqual([]);
    }
  });
});
