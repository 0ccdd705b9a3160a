// scripts/federation/: the whole federation run on this machine, by `npm start` and the integration tests.
// This file starts the stores, the services and the gateway; dev-keys.ts makes and rotates their keys;
// identity-provider.ts is the development identity providers (identity-provider-process.ts runs them
// apart), sign-in-throttle.ts slows guessing.
import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { GATEWAY_NODE_FLAGS } from "../../gateway/src/config";
import { CountryEntry } from "#schema/countries";
import {
  databaseName,
  DIRECTORY_DATABASE,
  DIRECTORY_SUBGRAPH,
  ENABLED_COUNTRIES,
  mongoUriVariable,
  nationalSubgraphName,
  portPlan,
  PortPlan,
  subgraphUrlVariable,
} from "#schema/registry";
import { GATEWAY_SERVICE, ROOT_DIR, signToken, TokenRequest } from "#core";
import { ensureDevKeys, idpKeysDir, serviceKeysDir } from "./dev-keys";
import { DocumentDBStore, ensureStoreBuilt, StoreBuild } from "../store/documentdb";
import { spawnIdentityProviders } from "./identity-provider-process";
import { CrashCount, ManagedProcess, spawnManaged, waitForReady } from "../process/processes";
import { seedDemoReferrals } from "../demo/demo-referrals";
import { seedCountry } from "../demo/seed";
import { seedDirectory, seedNetwork } from "../demo/demo-network";

export interface FederationOptions {
  /** Holds keys, the stores' folders and logs. */
  dataDir: string;
  portBase?: number;
  /** Seed demo data into stores that were never seeded. */
  seed?: boolean;
  log?: (line: string) => void;
  /** Told when a service exits that was not asked to stop, with the end of its log (standard error by default). */
  warn?: (report: string) => void;
  /** Extra environment for every national subgraph (e.g. shorter deadlines in tests). */
  nationalEnv?: Record<string, string>;
  /** Extra environment for the directory (e.g. a shorter witness interval in tests). */
  directoryEnv?: Record<string, string>;
  /** Extra environment for every service process (e.g. OpenTelemetry's OTEL_* in a test). */
  env?: Record<string, string>;
  /** Extra PostgreSQL settings for every embedded store (e.g. function statistics in a test). */
  storeSettings?: Record<string, string>;
}

/** A bound against waiting for ever on a service that cannot start, not an expectation of speed. */
const STARTUP_TIMEOUT_MS = 180_000;

const DIST = join(ROOT_DIR, "dist");

/**
 * The whole federation on loopback, as separate processes: a store per country (PostgreSQL + DocumentDB
 * unless MONGODB_URI_<CC> points elsewhere), a national subgraph per country, the directory and the gateway.
 * Used by `npm start` and by the integration tests, so both run exactly the same thing.
 */
export class LocalFederation {
  readonly ports: PortPlan;
  /** Every key of this federation: a folder per service, and the development identity providers'. */
  readonly keysRoot: string;
  /** The development identity providers' keys, which sign test and script tokens (`tokenFor`). */
  readonly idpKeysDir: string;
  private readonly stores = new Map<string, DocumentDBStore>();
  private build?: StoreBuild;
  private readonly services = new Map<string, ManagedProcess>();
  private stopping = false;

  private constructor(private readonly options: Required<FederationOptions>) {
    this.ports = portPlan(options.portBase);
    this.keysRoot = join(options.dataDir, "keys");
    this.idpKeysDir = idpKeysDir(this.keysRoot);
  }

  static async start(options: FederationOptions): Promise<LocalFederation> {
    const federation = new LocalFederation({
      portBase: 4000,
      seed: true,
      log: console.log,
      warn: console.error,
      nationalEnv: {},
      directoryEnv: {},
      env: {},
      storeSettings: {},
      ...options,
    });
    try {
      await federation.startAll();
    } catch (error) {
      await federation.stop();
      throw error;
    }
    return federation;
  }

  get gatewayUrl(): string {
    return `http://localhost:${this.ports.gateway}/graphql`;
  }

  /** The development identity providers' base URL: each issuer is `<idpUrl>/<id>`. */
  get idpUrl(): string {
    return `http://localhost:${this.ports.identityProvider}`;
  }

  /** What every process of this federation is told of it, and what locates its issuers (`issuerOf`). */
  get env(): Record<string, string> {
    // The gateway's URL as callers name it in their proofs of possession, the same for every service.
    return { ...this.options.env, IDP_URL: this.idpUrl, GATEWAY_PUBLIC_URL: this.gatewayUrl };
  }

  /** A token from this federation's development identity provider, as `npm run token` makes one. */
  tokenFor(request: TokenRequest): Promise<string> {
    return signToken(this.idpKeysDir, request, { ...process.env, ...this.env });
  }

  nationalUrl(country: CountryEntry): string {
    return `http://127.0.0.1:${this.ports.national(country)}/graphql`;
  }

  mongoUri(country: CountryEntry): string {
    return process.env[mongoUriVariable(country)] ?? this.embeddedStore(country).uri;
  }

  private logFile(name: string): string {
    return join(this.options.dataDir, "logs", `${name}.log`);
  }

  private async startAll(): Promise<void> {
    const { log } = this.options;
    // The stores may run as another user (`postgres`, when we are root), who must be able to enter here;
    // what is secret below (keys, store logins) has folders and files of its own, closed to others.
    mkdirSync(this.options.dataDir, { recursive: true });
    chmodSync(this.options.dataDir, 0o755);
    await ensureDevKeys(this.keysRoot);
    const embedded = ENABLED_COUNTRIES.filter((c) => !process.env[mongoUriVariable(c)]);
    if (embedded.length || !process.env.DIRECTORY_MONGODB_URI) this.build = await ensureStoreBuilt(log);
    // One at a time: each start copies a cluster and waits for it, and the machine may have two cores.
    const storesStarted = Date.now();
    for (const country of embedded) await this.startStore(country);
    if (!process.env.DIRECTORY_MONGODB_URI) await this.directoryStore().start();
    log(`Stores ready in ${((Date.now() - storesStarted) / 1000).toFixed(1)} s; starting the services...`);

    await Promise.all([
      waitForReady(
        `http://127.0.0.1:${this.ports.identityProvider}/readyz`,
        this.supervise("identity-provider", (onUnexpectedExit) =>
          spawnIdentityProviders({
            keysDir: this.idpKeysDir,
            port: this.ports.identityProvider,
            redirectUris: [`http://localhost:${this.ports.gateway}/signin`],
            env: this.env,
            logFile: this.logFile("identity-provider"),
            onUnexpectedExit,
          }),
        ),
        STARTUP_TIMEOUT_MS,
      ),
      ...ENABLED_COUNTRIES.map((country) => this.startNational(country)),
      this.startService(
        DIRECTORY_SUBGRAPH,
        "subgraphs/directory/src/main.js",
        {
          PORT: String(this.ports.directory),
          KEYS_DIR: this.serviceKeysDir(DIRECTORY_SUBGRAPH),
          MONGODB_URI: this.directoryMongoUri(),
          GATEWAY_URL: this.gatewayUrl,
          ...this.options.directoryEnv,
        },
        this.ports.directory,
      ),
    ]);
    // The gateway needs no subgraph to start (its supergraph is static): it starts while the stores fill.
    await Promise.all([this.startGateway(), this.options.seed && this.seed()]);
  }

  /** Demo data into stores that were never seeded: each country's at once, then the referrals between them. */
  private async seed(): Promise<void> {
    const { log } = this.options;
    await Promise.all([
      ...ENABLED_COUNTRIES.map(async (country) => {
        if (await seedCountry(country, this.mongoUri(country)))
          log(`Seeded demo contact points for ${country.code}.`);
        if (await seedNetwork(country, this.mongoUri(country)))
          log(`Seeded demo partners for ${country.code}.`);
      }),
      seedDirectory(this.directoryMongoUri()),
    ]);
    const referrals = await seedDemoReferrals((country) => this.mongoUri(country));
    if (referrals) log(`Seeded ${referrals} demo referrals between countries.`);
  }

  /**
   * Starts (or, after `stopGateway`, restarts) the gateway; `env` adds to its environment, e.g.
   * `{ TRUSTED_OPERATIONS: "on" }` in a test.
   */
  async startGateway(env: Record<string, string> = {}): Promise<void> {
    const subgraphUrls = Object.fromEntries([
      [subgraphUrlVariable(DIRECTORY_SUBGRAPH), `http://127.0.0.1:${this.ports.directory}/graphql`],
      ...ENABLED_COUNTRIES.map((c) => [subgraphUrlVariable(nationalSubgraphName(c)), this.nationalUrl(c)]),
    ]);
    await this.startService(
      GATEWAY_SERVICE,
      "gateway/src/main.js",
      {
        PORT: String(this.ports.gateway),
        KEYS_DIR: this.serviceKeysDir(GATEWAY_SERVICE),
        ...subgraphUrls,
        ...env,
      },
      this.ports.gateway,
      GATEWAY_NODE_FLAGS,
    );
  }

  async stopGateway(): Promise<void> {
    await this.services.get(GATEWAY_SERVICE)?.stop();
    this.services.delete(GATEWAY_SERVICE);
  }

  /** A service's own keys folder (its KEYS_DIR): its private key and the public keys it verifies with. */
  serviceKeysDir(service: string): string {
    return serviceKeysDir(this.keysRoot, service);
  }

  directoryMongoUri(): string {
    return process.env.DIRECTORY_MONGODB_URI ?? this.directoryStore().uri;
  }

  /** The store object of an embedded store (created on first use; starting it is separate). */
  private storeFor(
    key: string,
    options: () => ConstructorParameters<typeof DocumentDBStore>[1],
  ): DocumentDBStore {
    let store = this.stores.get(key);
    if (!store) {
      if (!this.build) throw new Error("The embedded store is not built; start the federation first.");
      store = new DocumentDBStore(this.build, { ...options(), warn: this.options.warn });
      this.stores.set(key, store);
    }
    return store;
  }

  private embeddedStore(country: CountryEntry): DocumentDBStore {
    const code = country.code.toLowerCase();
    return this.storeFor(country.code, () => ({
      name: `store-${code}`,
      dir: join(this.options.dataDir, "stores", code),
      port: this.ports.store(country),
      login: databaseName(country),
      database: databaseName(country),
      logDir: join(this.options.dataDir, "logs"),
      settings: this.options.storeSettings,
    }));
  }

  private directoryStore(): DocumentDBStore {
    return this.storeFor(DIRECTORY_SUBGRAPH, () => ({
      name: "store-directory",
      dir: join(this.options.dataDir, "stores", DIRECTORY_SUBGRAPH),
      port: this.ports.directoryStore,
      login: DIRECTORY_DATABASE,
      database: DIRECTORY_DATABASE,
      logDir: join(this.options.dataDir, "logs"),
      settings: this.options.storeSettings,
    }));
  }

  /** Stops one country's store, as if it went down. */
  async stopStore(country: CountryEntry): Promise<void> {
    await this.stores.get(country.code)?.stop();
  }

  /** Starts (or restarts) one country's store on its data folder. */
  async startStore(country: CountryEntry): Promise<void> {
    await this.embeddedStore(country).start();
  }

  /** The processes of a country's embedded store while it runs: its PostgreSQL cluster, its wire gateway. */
  storeProcesses(country: CountryEntry): { postgres?: ManagedProcess; gateway?: ManagedProcess } {
    return this.embeddedStore(country).processes;
  }

  /** Runs SQL in a country's embedded store as its administrator (tests read the store directly). */
  storeSql(country: CountryEntry, sql: string): string {
    return this.embeddedStore(country).sql(sql);
  }

  /** Starts (or restarts) one country's national subgraph process. */
  async startNational(country: CountryEntry): Promise<void> {
    await this.startService(
      nationalSubgraphName(country),
      "subgraphs/national/src/main.js",
      {
        COUNTRY: country.code,
        PORT: String(this.ports.national(country)),
        MONGODB_URI: this.mongoUri(country),
        KEYS_DIR: this.serviceKeysDir(nationalSubgraphName(country)),
        GATEWAY_URL: this.gatewayUrl,
        ...this.options.nationalEnv,
      },
      this.ports.national(country),
    );
  }

  /** Stops one country's national subgraph process, as if that country went offline. */
  async stopNational(country: CountryEntry): Promise<void> {
    const name = nationalSubgraphName(country);
    await this.services.get(name)?.stop();
    this.services.delete(name);
  }

  private async startService(
    name: string,
    entry: string,
    env: Record<string, string>,
    port: number,
    nodeFlags: string[] = [],
  ): Promise<void> {
    const spawn = (onUnexpectedExit: (report: string) => void) =>
      spawnManaged(
        name,
        process.execPath,
        [...nodeFlags, join(DIST, entry)],
        { ...this.env, ...env },
        this.logFile(name),
        {
          onUnexpectedExit,
        },
      );
    await waitForReady(`http://127.0.0.1:${port}/readyz`, this.supervise(name, spawn), STARTUP_TIMEOUT_MS);
  }

  /** Spawns a service, and after a crash spawns it again (`restartLater`) until it keeps crashing. */
  private supervise(
    name: string,
    spawn: (onUnexpectedExit: (report: string) => void) => ManagedProcess,
  ): ManagedProcess {
    const crashes = new CrashCount();
    const spawnService = (): ManagedProcess => {
      crashes.started();
      const service: ManagedProcess = spawn((report) =>
        this.restartLater(name, service, report, crashes, spawnService),
      );
      this.services.set(name, service);
      return service;
    };
    return spawnService();
  }

  /** After a crash: the report, then the service started again after a pause, unless it keeps crashing. */
  private restartLater(
    name: string,
    crashed: ManagedProcess,
    report: string,
    crashes: CrashCount,
    spawnService: () => ManagedProcess,
  ): void {
    // Asked to stop meanwhile, or already replaced: nothing to do.
    if (this.stopping || this.services.get(name) !== crashed) return;
    const pauseMs = crashes.pauseAfterCrash();
    this.options.warn(`${report}\n${crashes.sequel(name, pauseMs)}`);
    if (pauseMs === null) return;
    setTimeout(() => {
      if (!this.stopping && this.services.get(name) === crashed) spawnService();
    }, pauseMs).unref();
  }

  /** A service process by name (`gateway`, `directory`, `national-se`), e.g. to read its log: the running one, or the last one if it crashed and was left stopped. */
  processOf(name: string): ManagedProcess | undefined {
    return this.services.get(name);
  }

  /** Stops every process, services first so no request reaches a store that is going away. */
  async stop(): Promise<void> {
    this.stopping = true;
    // No store may start again while the services stop.
    for (const store of this.stores.values()) store.disarm();
    await Promise.all([...this.services.values()].map((s) => s.stop()));
    await Promise.all([...this.stores.values()].map((s) => s.stop()));
    this.services.clear();
  }
}
