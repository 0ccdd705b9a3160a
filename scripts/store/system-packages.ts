import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT_DIR } from "#core";

/**
 * The Debian packages this project needs from the system, and their installation: `npm start` and `npm test`
 * install what is missing themselves when they may (as root, or with passwordless sudo), and otherwise stop
 * with the one command to run.
 */

/** The embedded store's packages: PostgreSQL 15 and what DocumentDB builds against (a build input too). */
export function storePackages(): string[] {
  return readFileSync(join(ROOT_DIR, "scripts", "store", "system-packages.txt"), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
}

/**
 * What the tests need besides the store: Chromium for the page tests (Debian's, no browser download),
 * pdftotext for the report test, docker-compose to validate docker-compose.yml (no engine is run).
 */
export const TEST_PACKAGES = ["chromium", "poppler-utils", "docker-compose"];

/** The packages of `packages` that are not installed (all of them where there is no dpkg). */
export function missingPackages(packages: string[]): string[] {
  const query = spawnSync("dpkg-query", ["-W", "-f=${Package} ${Status}\n", ...packages], {
    encoding: "utf8",
  });
  const present = new Set(
    (query.stdout ?? "")
      .split("\n")
      .filter((line) => line.endsWith("install ok installed"))
      .map((line) => line.split(" ")[0].split(":")[0]),
  );
  return packages.filter((p) => !present.has(p));
}

/**
 * How this process may run apt-get: directly as root, through passwordless sudo, or not at all (no
 * apt-get, or `APT_INSTALL=off`: whoever does not want it run for them).
 */
function aptPrefix(): string[] | undefined {
  if (process.env.APT_INSTALL === "off") return undefined;
  if (spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status !== 0) return undefined;
  const noninteractive = ["env", "DEBIAN_FRONTEND=noninteractive"];
  if (process.getuid?.() === 0) return noninteractive;
  const sudo = spawnSync("sudo", ["-n", "true"], { stdio: "ignore" }).status === 0;
  return sudo ? ["sudo", "-n", ...noninteractive] : undefined;
}

/**
 * Installs the packages of `packages` that are missing, saying in one line what and why; throws with the
 * command to run when this process may not install them.
 */
export function ensurePackages(
  packages: string[],
  why: string,
  log: (line: string) => void = console.log,
): void {
  const missing = missingPackages(packages);
  if (!missing.length) return;
  const sudo = process.getuid?.() === 0 ? "" : "sudo ";
  const command = `${sudo}apt-get install -y ${missing.join(" ")}`;
  const prefix = aptPrefix();
  if (!prefix) {
    throw new Error(
      `Missing Debian packages (${why}): ${missing.join(" ")}\n` +
        `They are not installed for you (not root, no passwordless sudo, or APT_INSTALL=off). Run:\n  ${command}`,
    );
  }
  log(`Installing Debian packages for ${why}: ${missing.join(" ")} (apt-get, once per machine)...`);
  const [run, ...runArgs] = [...prefix, "apt-get"];
  // apt-get's own chatter (debconf, needrestart) is shown only when it fails.
  const apt = (args: string[]) =>
    execFileSync(run, [...runArgs, ...args], { stdio: "pipe", encoding: "utf8" });
  try {
    apt(["update", "-qq"]);
    apt(["install", "-y", "-qq", ...missing]);
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    const said = (stderr || message).trim().split("\n").slice(-5).join("\n");
    throw new Error(`Installing ${missing.join(" ")} failed:\n${said}\nRun it yourself: ${command}`);
  }
  const still = missingPackages(missing);
  if (still.length) throw new Error(`apt-get did not install: ${still.join(" ")}. Run: ${command}`);
}
