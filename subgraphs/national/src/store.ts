import mongoose, { Connection } from "mongoose";
import { auditSchema, connectStore, modelsIn, StoreConnection, StoreConnectionOptions } from "#core";

/**
 * What the modules keep in their country's store: their models and caches. Empty here; each module adds
 * its own in its `<module>.parts.ts`, by declaration merging, so that the frame names no module.
 */
export interface StoreParts {}

/** What every country's store holds whatever its modules: the connection, the audit log and markers. */
function frameModels(connection: Connection) {
  return {
    Audit: connection.model("Audit", auditSchema),
    /** Markers of one-off work done on the store (a migration, a recount, an erasure). */
    Meta: connection.model(
      "Meta",
      new mongoose.Schema(
        { _id: String, value: mongoose.Schema.Types.Mixed },
        { collection: "meta", versionKey: false },
      ),
    ),
  };
}

export type Store = StoreParts & ReturnType<typeof frameModels> & StoreConnection;

export interface StoreOptions extends Pick<StoreConnectionOptions, "log" | "queryLog"> {
  /** How long the contact points read from the store are kept (0: read on every request). */
  readonly contactPointsCacheMs?: number;
  /** How long a period's figures are kept (0: computed on every request). */
  readonly statisticsCacheMs?: number;
}

/** A module's part of the store: its models and caches, and the work that brings its records up to date. */
export interface StorePart {
  readonly store?: (connection: Connection, options: StoreOptions) => Partial<StoreParts>;
  /** Run before the subgraph reports ready, in the order of the modules. */
  readonly prepare?: (store: Store) => Promise<void>;
}

/** One country's store: its own connection, the frame's models and the parts of the given modules. */
export function createStore(
  uri: string,
  label: string,
  modules: readonly StorePart[],
  options: StoreOptions = {},
): Store {
  let bound: Store | undefined;
  const connected = connectStore(uri, {
    label,
    log: options.log,
    queryLog: options.queryLog,
    models: () => modelsIn(bound ?? {}),
    prepare: async () => {
      for (const module of modules) await module.prepare?.(bound!);
    },
  });
  const { connection } = connected;
  bound = Object.assign(
    { connection, ...frameModels(connection) },
    ...modules.map((module) => module.store?.(connection, options) ?? {}),
    {
      ready: connected.ready,
      state: connected.state,
      isReady: connected.isReady,
      close: connected.close,
    },
  ) as Store;
  return bound;
}

/**
 * A store for a script or test: connected, indexes in place, or an error after `timeoutMs`. Services use
 * `createStore` and wait as long as it takes; a script is better told.
 */
export async function openStore(
  uri: string,
  modules: readonly StorePart[],
  label = "script",
  timeoutMs = 60_000,
): Promise<Store> {
  const store = createStore(uri, label, modules, { log: () => undefined });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(`The store at ${uri.replace(/\/\/[^@]*@/, "//")} was not ready within ${timeoutMs} ms.`),
        ),
      timeoutMs,
    );
  });
  try {
    await Promise.race([store.ready, timeout]);
    return store;
  } catch (error) {
    await store.close();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
