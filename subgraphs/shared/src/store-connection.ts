import mongoose, { Connection } from "mongoose";

// Filters never carry user-supplied query operators, and unknown filter paths are an error, not a no-op.
mongoose.set("sanitizeFilter", true);
mongoose.set("strictQuery", "throw");

/** A connection to a subgraph's own store, set up the same way for every subgraph. */
export function connectStore(uri: string): Connection {
  return mongoose.createConnection(uri, {
    // Fail fast while the store is down instead of queueing operations behind the caller's back.
    bufferCommands: false,
    // Well inside the gateway's 5 s deadline, so a store outage is reported as such, not as a silent country.
    serverSelectionTimeoutMS: 2_000,
  });
}
