import mongoose, { Connection } from "mongoose";
import { auditSchema } from "./modules/audit/audit.model";
import { caseSchema } from "./modules/case/case.model";
import { contactPointSchema } from "./modules/contact-point/contact-point.model";
import { counterSchema, referralSchema } from "./modules/referral/referral.model";
import { responseSchema } from "./modules/response/response.model";
import { returnEventSchema } from "./modules/return-event/return-event.model";

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
    Case: connection.model("Case", caseSchema),
    Referral: connection.model("Referral", referralSchema),
    Counter: connection.model("Counter", counterSchema),
    Response: connection.model("Response", responseSchema),
    ReturnEvent: connection.model("ReturnEvent", returnEventSchema),
    Audit: connection.model("Audit", auditSchema),
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
