import { appendFileSync } from "node:fs";
import mongoose, { Connection, Model, mongo } from "mongoose";

type IndexDescription = mongo.IndexDescription;

// Filters never carry user-supplied query operators, and unknown filter paths are an error, not a no-op.
mongoose.set("sanitizeFilter", true);
mongoose.set("strictQuery", "throw");

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5_000;

export type StoreState = "connecting" | "ready" | "unavailable" | "closed";

export interface StoreConnection {
  readonly connection: Connection;
  /** What the store looks like from here now; `ready` only once connected and its indexes are in place. */
  state(): StoreState;
  /** Answers `/readyz`: ready, and the store answers a ping now. */
  isReady(): Promise<boolean>;
  /** Resolves the first time the store is ready (tests and scripts wait on it). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export interface StoreConnectionOptions {
  /** Who is speaking in the log, e.g. `SE` or `directory`. */
  label: string;
  /** Models whose declared indexes must exist before the store counts as ready. */
  models: () => Array<Model<any>>;
  /** Anything else to do, once connected and indexed, before the store counts as ready. */
  prepare?: () => Promise<void>;
  log?: (line: string) => void;
  /**
   * A file that receives every command sent to the store, one Extended JSON line each, for the test that
   * explains each query the services issue. Test use only: it holds the commands' values.
   */
  queryLog?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A subgraph's connection to its own store, which never gives up: the first connection is retried with
 * backoff for as long as it takes (a store that starts late or is down at start), and after an outage the
 * driver reconnects by itself. Requests fail fast while the store is away (STORE_UNAVAILABLE), and each
 * change of state is logged once.
 */
export function connectStore(uri: string, options: StoreConnectionOptions): StoreConnection {
  const log = options.log ?? ((line: string) => console.log(line));
  const connection = mongoose.createConnection();
  if (options.queryLog) recordQueries(connection, options.queryLog, options.label);
  let state: StoreState = "connecting";
  let closed = false;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const enter = (next: StoreState, detail: string) => {
    if (state === next) return;
    state = next;
    log(`[${options.label}] store ${next}: ${detail}`);
  };
  connection.on("disconnected", () => {
    if (!closed && state === "ready")
      enter("unavailable", "connection lost; requests get STORE_UNAVAILABLE until it is back");
  });
  connection.on("reconnected", () => {
    if (!closed && state === "unavailable") enter("ready", "connection restored");
  });

  void (async () => {
    let lastError = "";
    for (let attempt = 0; !closed; attempt++) {
      try {
        if (connection.readyState !== 1) {
          await connection.openUri(uri, {
            // Fail fast while the store is down instead of queueing operations behind the caller's back.
            bufferCommands: false,
            // Well inside the gateway's 5 s deadline, so an outage is reported as such, not as a silent country.
            serverSelectionTimeoutMS: 2_000,
            // Indexes are created below, before the store counts as ready, and retried with the connection.
            autoIndex: false,
            autoCreate: false,
          });
        }
        await ensureIndexes(options.models(), (line) => log(`[${options.label}] ${line}`));
        await options.prepare?.();
        enter("ready", "connected, indexes in place");
        markReady();
        return;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (message !== lastError) log(`[${options.label}] store not ready yet: ${message}; retrying`);
        lastError = message;
        await sleep(Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(attempt, 5)));
      }
    }
  })();

  return {
    connection,
    ready,
    state: () => state,
    async isReady() {
      if (state !== "ready" || !connection.db) return false;
      await connection.db.admin().ping();
      return true;
    },
    async close() {
      closed = true;
      state = "closed";
      await connection.close();
    },
  };
}

/** The mongoose models among an object's values (a store's models beside its caches and functions). */
export function modelsIn(values: object): Array<Model<any>> {
  return Object.values(values).filter(
    (value): value is Model<any> => typeof value === "function" && value.prototype instanceof mongoose.Model,
  );
}

/**
 * Creates every index the models declare and checks that each is there. This is the one place that knows
 * how DocumentDB builds indexes: on a collection that does not exist yet, one createIndexes command creates
 * it with all its indexes at once; on an existing collection each new index is built in the background
 * (the command returns when the build is done, about 2 s). So all of a collection's indexes go in one
 * command (mongoose's own `createIndexes` sends one per index, and the second would wait for a background
 * build), and a store restarted with every index in place answers at once, as MongoDB does.
 */
export async function ensureIndexes(
  models: Array<Model<any>>,
  log: (line: string) => void = () => undefined,
): Promise<void> {
  for (const model of models) {
    const specs: IndexDescription[] = model.schema.indexes().map(([fields, options]) => ({
      ...(options as Omit<IndexDescription, "key">),
      key: fields as Record<string, 1 | -1>,
      name: (options?.name as string | undefined) ?? indexName(fields as Record<string, unknown>),
    }));
    if (!specs.length) continue;
    await replaceChangedIndexes(model, specs, log);
    await model.collection.createIndexes(specs);
    const present = new Set((await model.collection.listIndexes().toArray()).map((index) => index.name));
    const missing = specs.map((spec) => spec.name).filter((name) => !present.has(name));
    if (missing.length) {
      throw new Error(`indexes ${missing.join(", ")} of ${model.collection.name} are not built yet`);
    }
  }
}

/** The options that make two indexes of the same name different; an absent flag is a false one. */
const INDEX_FLAGS = ["unique", "sparse"] as const;
const INDEX_OPTIONS = ["partialFilterExpression", "expireAfterSeconds"] as const;

/**
 * An index declared with other options than the store's index of the same name (made unique since, for
 * example) is dropped, so `createIndexes` builds it as declared instead of failing at every start. Text
 * indexes, which a store reports by their internal key, are left to `createIndexes`.
 */
async function replaceChangedIndexes(
  model: Model<any>,
  specs: IndexDescription[],
  log: (line: string) => void,
): Promise<void> {
  const existing = await model.collection
    .listIndexes()
    .toArray()
    .catch(() => []);
  for (const spec of specs) {
    const index = existing.find((i) => i.name === spec.name);
    if (!index || Object.values(spec.key).includes("text" as never)) continue;
    const same =
      JSON.stringify(index.key) === JSON.stringify(spec.key) &&
      INDEX_FLAGS.every((flag) => !!index[flag] === !!spec[flag]) &&
      INDEX_OPTIONS.every((option) => JSON.stringify(index[option]) === JSON.stringify(spec[option]));
    if (same) continue;
    log(`index ${spec.name} of ${model.collection.name} is declared differently now: rebuilding it`);
    // Another replica may have dropped it first (code 27, IndexNotFound).
    await model.collection.dropIndex(spec.name!).catch((error) => {
      if ((error as { code?: number }).code !== 27) throw error;
    });
  }
}

/** MongoDB's default index name: `field_1_other_-1`. */
function indexName(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .map(([field, direction]) => `${field}_${direction}`)
    .join("_");
}

/**
 * A duplicate-key refusal, from MongoDB or DocumentDB. Only the code is relied on: DocumentDB reports
 * 11000 without MongoDB's "E11000" message and without `keyValue`/`keyPattern`, so callers decide what
 * clashed from their own knowledge of the write (an idempotency key, a sequence number), never from those.
 */
export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, writeErrors } = error as { code?: unknown; writeErrors?: Array<{ code?: unknown }> };
  return code === 11000 || (Array.isArray(writeErrors) && writeErrors.some((e) => e.code === 11000));
}

/** Appends each command of this connection to `file` as `{ label, collection, method, args }` (Extended JSON). */
function recordQueries(connection: Connection, file: string, label: string): void {
  const { EJSON } = mongoose.mongo.BSON;
  connection.set("debug", (collection: string, method: string, ...args: unknown[]) => {
    appendFileSync(
      file,
      EJSON.stringify({ label, collection, method, args: args.filter((a) => typeof a !== "function") }) +
        "\n",
    );
  });
}
