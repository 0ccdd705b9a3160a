import mongoose, { Connection } from "mongoose";
import { contactPointSchema } from "./modules/contact-point/contact-point.model";

// Filters never carry user-supplied query operators, and unknown filter paths are an error, not a no-op.
mongoose.set("sanitizeFilter", true);
mongoose.set("strictQuery", "throw");

/** One country's store: its own connection and the models bound to it. */
export function createStore(uri: string) {
  const connection: Connection = mongoose.createConnection(uri, {
    // Fail fast while the store is down instead of queueing operations behind the caller's back.
    bufferCommands: false,
    // Well inside the gateway's 5 s deadline, so a store outage is reported as such, not as a silent country.
    serverSelectionTimeoutMS: 2_000,
  });
  return {
    connection,
    ContactPoint: connection.model("ContactPoint", contactPointSchema),
    Meta: connection.model(
      "Meta",
      new mongoose.Schema(
        { _id: String, value: mongoose.Schema.Types.Mixed },
        { collection: "meta", versionKey: false },
      ),
    ),
    async isReady(): Promise<boolean> {
      if (connection.readyState !== 1 || !connection.db) return false;
      await connection.db.admin().ping();
      return true;
    },
  };
}

export type Store = ReturnType<typeof createStore>;
