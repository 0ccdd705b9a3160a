// scripts/store/: the embedded store of a local federation, PostgreSQL 15 + DocumentDB. This file builds it
// (build-documentdb.sh, from the sources pinned in sources.txt and vendor.sha256) and runs a cluster per
// country; system-packages.ts installs its Debian packages (system-packages.txt); store-uri.ts tells a
// script where a country's store is.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { ROOT_DIR } from "#core";
import { ensurePackages, storePackages } from "./system-packages";
import { assertPortFree, CrashCount, ManagedProcess, spawnManaged, waitForPort } from "../process/processes";

/**
 * The embedded store: PostgreSQL 15 with the DocumentDB extensions and their MongoDB-wire gateway, one
 * PostgreSQL cluster per country (DocumentDB needs pg_cron, which lives in one database per cluster). Each
 * cluster listens on a private Unix socket only; the wire gateway in front of it listens on loopback and
 * takes one SCRAM login, generated on first start and kept in the store's folder, readable by its owner.
 */

const BUILD_SCRIPT = join(ROOT_DIR, "scripts", "store", "build-documentdb.sh");
const BUILD_INPUTS = ["build-documentdb.sh", "vendor.sha256", "system-packages.txt"].map((f) =>
  join(ROOT_DIR, "scripts", "store", f),
);
const SYSTEM_POSTGRES = "/usr/lib/postgresql/15/bin/postgres";
/** The Debian package that brings it (and is in scripts/store/system-packages.txt). */
const SYSTEM_POSTGRES_PACKAGE = "postgresql-15";
/** PostgreSQL's own superuser in every cluster, reachable only through the cluster's private socket. */
const ADMIN_ROLE = "ncp_admin";
/** The database in each cluster that holds the DocumentDB extension and so every collection. */
const PG_DATABASE = "documentdb";
/** Fixed: the socket's file name carries it, and each cluster has its own socket folder. */
const PG_PORT = 5432;

/**
 * Where the built store lives: outside the clone, so a second clone and CI reuse it. Root's home is closed
 * to the unprivileged user that PostgreSQL must run as, so root's cache is under /var/cache.
 */
export function storeCacheDir(): string {
  if (process.env.STORE_CACHE_DIR) return resolve(process.env.STORE_CACHE_DIR);
  if (process.getuid?.() === 0) return "/var/cache/cbss-ncp";
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "cbss-ncp");
}

const STORE_DIR = join(ROOT_DIR, "scripts", "store");

/** `<file> <url>` lines: where each pinned archive is downloaded from when no folder holds it. */
function sourceUrls(): Map<string, string> {
  const lines = readFileSync(join(STORE_DIR, "sources.txt"), "utf8").split("\n");
  return new Map(
    lines.filter((l) => l.trim() && !l.startsWith("#")).map((l) => l.trim().split(/\s+/) as [string, string]),
  );
}

/** `<sha256>  <file>` lines: the pinned archives and their checksums. */
export function pinnedArchives(): Map<string, string> {
  const lines = readFileSync(join(STORE_DIR, "vendor.sha256"), "utf8").split("\n");
  return new Map(
    lines.filter((l) => l.trim()).map((l) => l.trim().split(/\s+/).reverse() as [string, string]),
  );
}

function sha256Of(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** Brings one archive into `path`: a copy from `STORE_VENDOR_DIR`, or a download from its repository. */
async function fetchSource(file: string, path: string, log: (line: string) => void): Promise<void> {
  const given = process.env.STORE_VENDOR_DIR;
  if (given) {
    const source = join(resolve(given), file);
    if (!existsSync(source)) throw new Error(`not in STORE_VENDOR_DIR (${resolve(given)})`);
    cpSync(source, `${path}.partial`);
  } else {
    const url = sourceUrls().get(file)!;
    log(`Downloading the store's source ${file} from ${url}...`);
    const answer = await fetch(url, { signal: AbortSignal.timeout(300_000) }).catch((error: Error) => {
      throw new Error(`from ${url}: ${error.cause ?? error.message}`);
    });
    if (!answer.ok) throw new Error(`from ${url}: HTTP ${answer.status}`);
    writeFileSync(`${path}.partial`, Buffer.from(await answer.arrayBuffer()));
  }
  execFileSync("mv", [`${path}.partial`, path]);
}

/**
 * The cache's folder of the three pinned archives, each checked against its SHA-256. A missing archive is
 * first copied from `STORE_VENDOR_DIR` when that is set, or else downloaded from its repository; one whose
 * checksum differs is not kept. Fails with the files to put where when an archive cannot be had.
 */
export async function pinnedSources(
  log: (line: string) => void,
  archives: Map<string, string> = pinnedArchives(),
): Promise<string> {
  const dir = join(storeCacheDir(), "sources");
  mkdirSync(dir, { recursive: true });
  const unavailable: string[] = [];
  for (const [file, sha256] of archives) {
    const path = join(dir, file);
    try {
      if (!existsSync(path)) await fetchSource(file, path, log);
    } catch (error) {
      rmSync(`${path}.partial`, { force: true });
      unavailable.push(`${file} (${(error as Error).message})`);
      continue;
    }
    const actual = sha256Of(path);
    if (actual !== sha256) {
      rmSync(path);
      throw new Error(
        `The store's source ${file} is not the pinned archive: its SHA-256 is ${actual}, ` +
          `scripts/store/vendor.sha256 pins ${sha256}. It was not kept.`,
      );
    }
  }
  if (unavailable.length) {
    throw new Error(
      `The store's pinned source archives could not be had: ${unavailable.join("; ")}.\n` +
        `Put ${[...archives.keys()].join(", ")} (their SHA-256 is in scripts/store/vendor.sha256) ` +
        `into ${dir}, or into a folder named by STORE_VENDOR_DIR, and start again.`,
    );
  }
  return dir;
}

/** The build's identity: its script, the pinned archives' checksums and the system's PostgreSQL. */
function buildKey(): string {
  const hash = createHash("sha256");
  for (const file of BUILD_INPUTS) hash.update(readFileSync(file));
  hash.update(execFileSync(SYSTEM_POSTGRES, ["--version"], { encoding: "utf8" }));
  return hash.digest("hex").slice(0, 12);
}

/** What runs as PostgreSQL: the current user, or the `postgres` system user when we are root. */
interface RunAs {
  uid?: number;
  gid?: number;
}

function storeUser(): RunAs {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

function giveTo(user: RunAs, path: string): void {
  if (user.uid === undefined) return;
  execFileSync("chown", ["-R", `${user.uid}:${user.gid}`, path]);
}

export interface StoreBuild {
  /** The private PostgreSQL tree: `<prefix>/usr/lib/postgresql/15/{bin,lib}`. */
  prefix: string;
  /** An initialised cluster with the extension created, copied for each new store. */
  template: string;
}

const pgBin = (build: StoreBuild, tool: string) => join(build.prefix, "usr/lib/postgresql/15/bin", tool);
const pgLib = (build: StoreBuild) => join(build.prefix, "usr/lib/postgresql/15/lib");
const gatewayBinary = (build: StoreBuild) => join(build.prefix, "bin", "documentdb-gateway");

/**
 * The built store, building it first when this machine has none (3 to 5 minutes, once, with the build's
 * progress on the console). Fails with what to do when the system packages or the archives are missing.
 */
export async function ensureStoreBuilt(log: (line: string) => void = console.log): Promise<StoreBuild> {
  // What a built store runs on; what it builds against is needed only for a build (buildAndPrepare).
  ensurePackages([SYSTEM_POSTGRES_PACKAGE], "the embedded store (PostgreSQL 15)", log);
  const prefix = join(storeCacheDir(), `documentdb-${buildKey()}`);
  const build = { prefix, template: join(prefix, "template") };
  if (existsSync(gatewayBinary(build)) && existsSync(join(build.template, "PG_VERSION"))) return build;
  mkdirSync(dirname(prefix), { recursive: true });
  return withBuildLock(`${prefix}.lock`, log, async () => {
    await buildAndPrepare(build, log);
    return build;
  });
}

/**
 * One build at a time per machine: a second `npm start` or test run waits for the first instead of
 * building into the same folder. A lock left by a process that died is taken over.
 */
async function withBuildLock<T>(
  lock: string,
  log: (line: string) => void,
  work: () => Promise<T>,
): Promise<T> {
  for (let waited = false; ; waited = true) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, "pid"), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(readFileSync(join(lock, "pid"), { encoding: "utf8", flag: "a+" }) || 0);
      if (holder && !isAlive(holder)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!waited) log(`Waiting for another process (pid ${holder || "?"}) that is building the store...`);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function buildAndPrepare(build: StoreBuild, log: (line: string) => void): Promise<void> {
  const { prefix } = build;
  if (!existsSync(gatewayBinary(build))) {
    ensurePackages(storePackages(), "building the embedded store (what DocumentDB builds against)", log);
    const vendor = await pinnedSources(log);
    log(`Building the embedded store (PostgreSQL 15 + DocumentDB) into ${prefix}: once, about 5 minutes...`);
    const child = spawn("bash", [BUILD_SCRIPT, vendor, prefix], { stdio: ["ignore", "inherit", "inherit"] });
    const code = await new Promise<number | null>((done) => child.once("exit", done));
    if (code !== 0) throw new Error(`The store build failed (exit ${code}); its output is above.`);
  }
  if (!existsSync(join(build.template, "PG_VERSION"))) await prepareTemplate(build, log);
}

/** Runs a PostgreSQL client tool as the store's user; throws with its output when it fails. */
function runPg(build: StoreBuild, user: RunAs, tool: string, args: string[]): string {
  const result = spawnSync(pgBin(build, tool), args, {
    encoding: "utf8",
    cwd: tmpdir(),
    uid: user.uid,
    gid: user.gid,
    env: { ...process.env, LD_LIBRARY_PATH: pgLib(build) },
  });
  if (result.status !== 0) {
    throw new Error(`${tool} ${args.join(" ")} failed: ${result.stderr || result.stdout || result.error}`);
  }
  return result.stdout;
}

/** Server settings every cluster runs with. */
function serverArgs(dataDir: string, socketDir: string, extra: Record<string, string>): string[] {
  const settings: Record<string, string> = {
    listen_addresses: "",
    unix_socket_directories: socketDir,
    unix_socket_permissions: "0700",
    port: String(PG_PORT),
    "cron.database_name": PG_DATABASE,
    // pg_cron runs DocumentDB's jobs (index builds on existing collections) in background workers, and
    // DocumentDB's own loopback connections use the socket: nothing needs TCP.
    "cron.use_background_workers": "on",
    max_worker_processes: "16",
    "documentdb.localhost_connection_string": `host=${socketDir}`,
    "documentdb.enableBackgroundWorker": "on",
    "documentdb.enableBackgroundWorkerJobs": "on",
    // Without it a sort on _id with a limit scans the collection (2.6 s at 1 M documents; 5.5 ms with it).
    "documentdb.enableIndexOrderbyPushdown": "on",
    max_connections: "60",
    log_min_messages: "warning",
    "cron.log_run": "off",
    "cron.log_statement": "off",
    ...extra,
    // Extra libraries come in addition to the store's own.
    shared_preload_libraries: ["pg_cron,pg_documentdb_core,pg_documentdb", extra.shared_preload_libraries]
      .filter(Boolean)
      .join(","),
  };
  return ["-D", dataDir, ...Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`])];
}

/**
 * A short socket folder (a Unix socket's path must stay under 108 bytes, wherever the clone is), named
 * after the store's port so that a store killed without its clean-up leaves nothing to pile up.
 */
function newSocketDir(user: RunAs, name: string | number): string {
  const dir = join(tmpdir(), `ncp-store-${name}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { mode: 0o700 });
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid!);
  return dir;
}

function startPostgres(
  build: StoreBuild,
  user: RunAs,
  name: string,
  dataDir: string,
  socketDir: string,
  logFile: string,
  settings: Record<string, string> = {},
  onUnexpectedExit?: (report: string) => void,
): ManagedProcess {
  return spawnManaged(
    name,
    pgBin(build, "postgres"),
    serverArgs(dataDir, socketDir, settings),
    { LD_LIBRARY_PATH: pgLib(build) },
    logFile,
    { ...user, cwd: tmpdir(), stopSignal: "SIGINT", onUnexpectedExit },
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the cluster accepts connections on its socket. */
async function waitForPostgres(
  build: StoreBuild,
  user: RunAs,
  socketDir: string,
  server: ManagedProcess,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null)
      throw new Error(`${server.name} exited; see ${server.logFile}`);
    const ready = spawnSync(
      pgBin(build, "pg_isready"),
      ["-q", "-h", socketDir, "-p", String(PG_PORT), "-U", ADMIN_ROLE, "-d", "postgres"],
      {
        env: { ...process.env, LD_LIBRARY_PATH: pgLib(build) },
        uid: user.uid,
        gid: user.gid,
      },
    );
    if (ready.status === 0) return;
    await sleep(100);
  }
  throw new Error(`${server.name} did not accept connections within ${timeoutMs} ms; see ${server.logFile}`);
}

/** PostgreSQL runs as another user when we are root: it must be able to reach the store's folder. */
function assertReachable(user: RunAs, dir: string): void {
  if (user.uid === undefined) return;
  if (spawnSync("test", ["-x", dir], { uid: user.uid, gid: user.gid }).status === 0) return;
  throw new Error(
    `The store folder ${dir} cannot be reached by the 'postgres' system user, which runs the store when ` +
      "this runs as root: make its parent folders traversable (chmod o+x), or set DATA_DIR elsewhere.",
  );
}

/** Once per build: an initialised cluster with DocumentDB created, which every new store copies. */
async function prepareTemplate(build: StoreBuild, log: (line: string) => void): Promise<void> {
  log("Preparing the store's template cluster (once)...");
  const user = storeUser();
  const partial = `${build.template}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  giveTo(user, partial);
  runPg(build, user, "initdb", [
    "-D",
    partial,
    "-U",
    ADMIN_ROLE,
    "--auth=trust",
    "-E",
    "UTF8",
    "--locale=C.UTF-8",
  ]);
  // Only the socket folder's owner can reach the cluster; nothing listens on TCP.
  writeFileSync(join(partial, "pg_hba.conf"), "local all all trust\n");
  mkdirSync(join(partial, "pg_documentdb_cursor_files"));
  giveTo(user, partial);
  const socketDir = newSocketDir(user, "template");
  const server = startPostgres(
    build,
    user,
    "store-template",
    partial,
    socketDir,
    join(dirname(partial), "template.log"),
  );
  try {
    await waitForPostgres(build, user, socketDir, server, 60_000);
    psql(build, user, socketDir, "postgres", `CREATE DATABASE ${PG_DATABASE}`);
    psql(build, user, socketDir, PG_DATABASE, "CREATE EXTENSION documentdb CASCADE");
  } finally {
    await server.stop();
    rmSync(socketDir, { recursive: true, force: true });
  }
  rmSync(build.template, { recursive: true, force: true });
  execFileSync("mv", [partial, build.template]);
}

function psql(build: StoreBuild, user: RunAs, socketDir: string, database: string, sql: string): string {
  const args = ["-h", socketDir, "-p", String(PG_PORT), "-U", ADMIN_ROLE, "-d", database];
  return runPg(build, user, "psql", [...args, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql]);
}

/** The login a country's service uses at its store's wire gateway. */
interface StoreCredentials {
  user: string;
  password: string;
}

/** Generated on first start and kept beside the cluster, readable only by the owner. */
function credentialsOf(storeDir: string, login: string): StoreCredentials {
  const file = join(storeDir, "credentials.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as StoreCredentials;
  const credentials = { user: login, password: randomBytes(24).toString("hex") };
  writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/** A self-signed certificate: the wire gateway needs one even though TLS is not enforced on loopback. */
function ensureCertificate(storeDir: string): { cert: string; key: string } {
  const cert = join(storeDir, "gateway-cert.pem");
  const key = join(storeDir, "gateway-key.pem");
  if (!existsSync(cert) || !existsSync(key)) {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "3650",
        "-subj",
        "/CN=localhost",
        "-keyout",
        key,
        "-out",
        cert,
      ],
      { stdio: "ignore" },
    );
  }
  return { cert, key };
}

/** The connection string of an embedded store, from the login kept in its folder. */
export function embeddedStoreUri(
  storeDir: string,
  { port, database }: { port: number; database: string },
): string {
  const file = join(storeDir, "credentials.json");
  if (!existsSync(file))
    throw new Error(`No embedded store in ${storeDir} (no credentials.json); start the federation once.`);
  const { user, password } = JSON.parse(readFileSync(file, "utf8")) as StoreCredentials;
  return (
    `mongodb://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}` +
    "?authMechanism=SCRAM-SHA-256&authSource=admin&directConnection=true"
  );
}

export interface StoreOptions {
  /** Process names in logs, e.g. `store-se`. */
  name: string;
  /** The store's own folder: its cluster, credentials and certificate. */
  dir: string;
  /** Loopback port of the MongoDB-wire gateway. */
  port: number;
  /** The SCRAM login of the one service that uses this store, e.g. `ncp_se`. */
  login: string;
  /** The MongoDB database name the service uses. */
  database: string;
  logDir: string;
  /** Extra PostgreSQL settings, e.g. `{ track_functions: "all" }`. */
  settings?: Record<string, string>;
  /**
   * Told when the cluster or its wire gateway exits without being asked to, with the end of its log and
   * what follows: the store is started again (both processes, on the same data) after a pause.
   */
  warn?: (report: string) => void;
}

/**
 * One running store: a PostgreSQL cluster and its wire gateway. `start` creates the cluster from the
 * template on first use and can be called again after `stop` (a restart on the same data). If either
 * process dies unasked (a crash, a SIGKILL), both are started again after a pause (`CrashCount`):
 * PostgreSQL recovers from its write-ahead log, and the subgraph's driver reconnects by itself.
 */
export class DocumentDBStore {
  private postgres?: ManagedProcess;
  private gateway?: ManagedProcess;
  private socketDir?: string;
  private readonly user = storeUser();
  private crashes = new CrashCount();
  /** Set by `stop`, cleared by `start`: a store stopped on purpose stays stopped. */
  private stopped = false;
  /** Counts starts and stops: a restart or a start that another start or stop overtook gives way. */
  private generation = 0;
  private restarting = false;

  constructor(
    private readonly build: StoreBuild,
    private readonly options: StoreOptions,
  ) {}

  /** The connection string for the one service that owns this store. */
  get uri(): string {
    credentialsOf(this.options.dir, this.options.login);
    return embeddedStoreUri(this.options.dir, this.options);
  }

  async start(): Promise<void> {
    this.stopped = false;
    const generation = ++this.generation;
    this.crashes.started();
    const { dir, name, logDir } = this.options;
    const dataDir = join(dir, "pgdata");
    mkdirSync(dir, { recursive: true });
    // The store's user may pass through to its cluster; only the owner lists the folder or reads the login.
    chmodSync(dir, 0o711);
    assertReachable(this.user, dir);
    if (!existsSync(join(dataDir, "PG_VERSION"))) {
      rmSync(dataDir, { recursive: true, force: true });
      cpSync(this.build.template, dataDir, { recursive: true, preserveTimestamps: true });
      giveTo(this.user, dataDir);
      chmodSync(dataDir, 0o700);
    }
    const credentials = credentialsOf(dir, this.options.login);
    const { cert, key } = ensureCertificate(dir);
    giveTo(this.user, cert);
    giveTo(this.user, key);

    await assertPortFree(this.options.port, name);
    // Stopped (or started again) meanwhile: nothing of this start may outlive that.
    if (generation !== this.generation) return;
    this.socketDir = newSocketDir(this.user, this.options.port);
    this.postgres = startPostgres(
      this.build,
      this.user,
      `${name}-postgres`,
      dataDir,
      this.socketDir,
      join(logDir, `${name}-postgres.log`),
      this.options.settings,
      (report) => this.crashed(report),
    );
    await waitForPostgres(this.build, this.user, this.socketDir, this.postgres, 60_000);
    this.ensureLogin(credentials);

    const config = join(dir, "gateway.json");
    writeFileSync(
      config,
      JSON.stringify({
        NodeHostName: "localhost",
        BlockedRolePrefixes: ["documentdb", "citus", "pg", "internal_role", ADMIN_ROLE],
        PostgresHostName: this.socketDir,
        PostgresPort: PG_PORT,
        PostgresDatabase: PG_DATABASE,
        PostgresSystemUser: ADMIN_ROLE,
        GatewayListenPort: this.options.port,
        UseLocalHost: true,
        EnforceSslTcp: false,
        TransactionTimeoutSecs: 30,
        CursorTimeoutSecs: 60,
        PostgresCommandTimeoutSecs: 60,
        CertificateOptions: { CertType: "pem_file", FilePath: cert, KeyFilePath: key },
      }),
      { mode: 0o600 },
    );
    giveTo(this.user, config);
    this.gateway = spawnManaged(
      `${name}-gateway`,
      gatewayBinary(this.build),
      [config],
      {},
      join(logDir, `${name}-gateway.log`),
      {
        ...this.user,
        cwd: dir,
        onUnexpectedExit: (report) => this.crashed(report),
      },
    );
    await waitForPort(this.options.port, this.gateway, 60_000);
  }

  /** Its PostgreSQL cluster's and its wire gateway's processes, while it runs (tests kill them). */
  get processes(): { postgres?: ManagedProcess; gateway?: ManagedProcess } {
    return { postgres: this.postgres, gateway: this.gateway };
  }

  /** One of its processes died unasked: the report, then the whole store started again after a pause. */
  private crashed(report: string): void {
    if (this.stopped || this.restarting) return;
    const pauseMs = this.crashes.pauseAfterCrash();
    (this.options.warn ?? console.error)(`${report}\n${this.crashes.sequel(this.options.name, pauseMs)}`);
    if (pauseMs === null) return;
    this.restarting = true;
    const generation = this.generation;
    setTimeout(async () => {
      try {
        // Stopped or started on purpose meanwhile: that wins. Otherwise the process that still runs goes
        // too, and the two start again together, on the same data.
        if (generation === this.generation) await this.halt();
        if (generation === this.generation) await this.start();
        this.restarting = false;
      } catch (error) {
        this.restarting = false;
        this.crashed(`${this.options.name} could not be started again: ${(error as Error).message}`);
      }
    }, pauseMs).unref();
  }

  /** Creates the service's login, or resets its password to the one kept in the store's folder. */
  private ensureLogin({ user, password }: StoreCredentials): void {
    if (!/^[a-z][a-z0-9_]{0,62}$/.test(user)) throw new Error(`Invalid store login name '${user}'.`);
    const literal = `'${password.replace(/'/g, "''")}'`;
    psql(
      this.build,
      this.user,
      this.socketDir!,
      PG_DATABASE,
      `DO $$ BEGIN
         IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${user}') THEN
           CREATE ROLE ${user} LOGIN PASSWORD ${literal} IN ROLE documentdb_admin_role;
         ELSE
           ALTER ROLE ${user} LOGIN PASSWORD ${literal};
         END IF;
       END $$;`,
    );
  }

  /** Runs SQL as the cluster's administrator and returns its unaligned output (tests read the store). */
  sql(statement: string): string {
    if (!this.socketDir) throw new Error(`${this.options.name} is not running.`);
    return psql(this.build, this.user, this.socketDir, PG_DATABASE, statement).trim();
  }

  /** Stops the gateway, then PostgreSQL (a fast shutdown: open transactions roll back, data stays). */
  async stop(): Promise<void> {
    this.disarm();
    await this.halt();
  }

  /** No restart from now on, the store being about to stop; a deliberate stop also ends a row of crashes. */
  disarm(): void {
    this.stopped = true;
    this.generation++;
    this.crashes = new CrashCount();
  }

  private async halt(): Promise<void> {
    await this.gateway?.stop();
    await this.postgres?.stop();
    if (this.socketDir) rmSync(this.socketDir, { recursive: true, force: true });
    this.gateway = this.postgres = this.socketDir = undefined;
  }
}
