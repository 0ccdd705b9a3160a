import { ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { GATEWAY_NODE_FLAGS } from "../../gateway/src/config";
import { LocalFederation } from "../../scripts/federation/federation";
import { spawnManaged, waitForReady } from "../../scripts/process/processes";
import {
  DIRECTORY_SUBGRAPH,
  ENABLED_COUNTRIES,
  nationalSubgraphName,
  subgraphUrlVariable,
} from "#schema/registry";
import { GATEWAY_SERVICE, ROOT_DIR } from "#core";
import { ensureDevKeys, serviceKeysDir } from "../../scripts/federation/dev-keys";
import { releaseFederation, TEST_PORT_BASE } from "../support/federation";
import { errorCodes, graphql } from "../support/graphql";

// This file starts federations of its own, on the tests' ports.
beforeAll(releaseFederation, 60_000);
let dataDir: string;
beforeEach(() => {
  mkdirSync(join(ROOT_DIR, ".test-data"), { recursive: true });
  dataDir = mkdtempSync(join(ROOT_DIR, ".test-data", "lifecycle-"));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** A process that keeps one core busy for at most `seconds`, and is killed by the test before that. */
function burner(seconds: number): ChildProcess {
  return spawn(
    process.execPath,
    ["-e", `const end = Date.now() + ${seconds * 1000}; while (Date.now() < end) {}`],
    { stdio: "ignore" },
  );
}

describe("the federation's life cycle", () => {
  it("starts on a busy machine, keeps officers' changes across a restart and never seeds twice", async () => {
    const countContacts = async (url: string) =>
      (await graphql(url, "{ countries { contactPoints { id email } } }")).data.countries.flatMap(
        (c: { contactPoints: Array<{ id: string; email: string }> }) => c.contactPoints,
      ) as Array<{ id: string; email: string }>;

    // The first start, with its seeding, while every core is kept busy: it still becomes ready.
    const burners = cpus().map(() => burner(240));
    let federation: LocalFederation;
    try {
      federation = await LocalFederation.start({ dataDir, portBase: TEST_PORT_BASE, log: () => undefined });
    } finally {
      burners.forEach((b) => b.kill("SIGKILL"));
    }
    let seeded: Array<{ id: string; email: string }>;
    try {
      seeded = await countContacts(federation.gatewayUrl);
      expect(seeded).toHaveLength(ENABLED_COUNTRIES.length * 2);
      const token = await federation.tokenFor({ role: "NCP_OFFICER", country: "SE" });
      const removed = seeded.find((c) => c.email === "return@ncp.se.example")!;
      const response = await graphql(
        federation.gatewayUrl,
        `mutation { sweden { removeContactPoint(id: "${removed.id}", version: 1) } }`,
        { token },
      );
      expect(response.errors).toBeUndefined();
    } finally {
      await federation.stop();
    }

    federation = await LocalFederation.start({ dataDir, portBase: TEST_PORT_BASE, log: () => undefined });
    try {
      const after = await countContacts(federation.gatewayUrl);
      expect(after.map((c) => c.email).sort()).toEqual(
        seeded
          .map((c) => c.email)
          .filter((e) => e !== "return@ncp.se.example")
          .sort(),
      );
    } finally {
      await federation.stop();
    }
  }, 360_000);

  it("the gateway starts and answers while every subgraph is offline", async () => {
    const port = TEST_PORT_BASE + 950;
    const closed = `http://127.0.0.1:${TEST_PORT_BASE + 960}/graphql`;
    const subgraphs = [DIRECTORY_SUBGRAPH, ...ENABLED_COUNTRIES.map(nationalSubgraphName)];
    const keysRoot = join(dataDir, "keys");
    await ensureDevKeys(keysRoot);
    const gateway = spawnManaged(
      "gateway",
      process.execPath,
      [...GATEWAY_NODE_FLAGS, join(ROOT_DIR, "dist/gateway/src/main.js")],
      {
        PORT: String(port),
        KEYS_DIR: serviceKeysDir(keysRoot, GATEWAY_SERVICE),
        ...Object.fromEntries(subgraphs.map((name) => [subgraphUrlVariable(name), closed])),
      },
      join(dataDir, "gateway.log"),
    );
    try {
      await waitForReady(`http://127.0.0.1:${port}/readyz`, gateway, 30_000);
      const response = await graphql(`http://127.0.0.1:${port}/graphql`, "{ countries { code } }");
      expect(errorCodes(response)).toEqual(["SERVICE_UNAVAILABLE"]);
      expect(response.errors![0].message).toMatch(/directory service is unavailable/);
    } finally {
      await gateway.stop();
    }
  }, 60_000);
});
