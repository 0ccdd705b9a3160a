import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import { join } from "node:path";
import { ROOT_DIR } from "./paths";
import { ManagedProcess, spawnManaged, waitForPort } from "./processes";

export const FERRETDB_MODULE = "github.com/FerretDB/FerretDB";
export const FERRETDB_VERSION = "v1.24.2";
export const TOOLS_DIR = join(ROOT_DIR, ".tools");

export function ferretdbBinary(): string {
  return process.env.FERRETDB_BIN ?? join(TOOLS_DIR, "bin", "ferretdb");
}

function installedVersion(binary: string): string | undefined {
  try {
    return /version:\s*(\S+)/.exec(execFileSync(binary, ["--version"], { encoding: "utf8" }))?.[1];
  } catch {
    return undefined;
  }
}

/**
 * Builds FerretDB from its module on the Go module proxy into .tools/bin, once.
 *
 * Why not a bare `go install ...@v1.24.2`: the module zip lacks build/version/version.txt (it is generated
 * from git in FerretDB's own release process), and a binary built without it panics at start with
 * "Invalid build/version/version.txt file content". So we download the same module with `go mod download`,
 * write the version file into a private copy, and `go build` that copy. Same source, same version.
 */
export function ensureFerretDB(log: (line: string) => void = console.log): string {
  const binary = ferretdbBinary();
  if (installedVersion(binary) === FERRETDB_VERSION) return binary;

  log(`Building FerretDB ${FERRETDB_VERSION} from the Go module proxy (once, about a minute)...`);
  const { Dir } = JSON.parse(
    execFileSync("go", ["mod", "download", "-json", `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], {
      encoding: "utf8",
    }),
  ) as { Dir: string };
  const source = join(TOOLS_DIR, "src", `ferretdb-${FERRETDB_VERSION}`);
  rmSync(source, { recursive: true, force: true });
  mkdirSync(join(TOOLS_DIR, "bin"), { recursive: true });
  cpSync(Dir, source, { recursive: true });
  execFileSync("chmod", ["-R", "u+w", source]);
  writeFileSync(join(source, "build", "version", "version.txt"), `${FERRETDB_VERSION}\n`);
  execFileSync("go", ["build", "-o", binary, "./cmd/ferretdb"], {
    cwd: source,
    stdio: "inherit",
    env: { ...process.env, CGO_ENABLED: "0", GOFLAGS: "-mod=mod" },
  });
  chmodSync(binary, 0o755);
  rmSync(source, { recursive: true, force: true });
  const built = installedVersion(binary);
  if (built !== FERRETDB_VERSION) throw new Error(`FerretDB build produced version ${built ?? "(none)"}.`);
  return binary;
}

/** Starts one FerretDB process (SQLite handler) with its own data folder, and waits until it accepts connections. */
export async function startFerretDB(options: {
  name: string;
  dataDir: string;
  port: number;
  /** Loopback port of FerretDB's debug handler (Prometheus metrics at /debug/metrics). */
  metricsPort: number;
  logFile: string;
}): Promise<ManagedProcess> {
  mkdirSync(options.dataDir, { recursive: true });
  const child = spawnManaged(
    options.name,
    ferretdbBinary(),
    [
      "--handler=sqlite",
      `--sqlite-url=file:${options.dataDir}/`,
      `--listen-addr=127.0.0.1:${options.port}`,
      `--debug-addr=127.0.0.1:${options.metricsPort}`,
      "--state-dir=-",
      "--telemetry=disable",
      "--log-level=error",
    ],
    {},
    options.logFile,
  );
  await waitForPort(options.port, child, 20_000);
  return child;
}
