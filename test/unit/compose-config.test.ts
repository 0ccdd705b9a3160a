import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { ENABLED_COUNTRIES, nationalSubgraphName } from "../../schema/registry";
import { identityProviders, issuerVariable } from "../../subgraphs/shared/src/auth/keys";
import { ROOT_DIR } from "../../subgraphs/shared/src/paths";

/**
 * docker-compose.yml as docker-compose itself reads it (Debian's docker-compose; no engine is needed for
 * `config`): valid, every value of the type the engine expects, and refused while an issuer is not named.
 */
const DOCKER_COMPOSE = process.env.DOCKER_COMPOSE_PATH ?? "/usr/bin/docker-compose";
const FILE = join(ROOT_DIR, "docker-compose.yml");
const issuers = Object.fromEntries(
  identityProviders({}).map(({ id }) => [issuerVariable(id), `https://login.${id}.example/ncp`]),
);

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
    const { stdout } = await compose(issuers);
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

  it("refuses to run while a country's identity provider is not named, and says which", async () => {
    const { ISSUER_SE: _missing, ...rest } = issuers;
    await expect(compose(rest)).rejects.toMatchObject({
      stderr: expect.stringContaining("set the issuer URL of the identity provider 'se'"),
    });
  });
});
