import mongoose from "mongoose";
import { connectStore } from "../../shared/src/store-connection";
import { auditSchema } from "./modules/audit/audit.model";
import { caseSchema } from "./modules/case/case.model";
import { contactPointSchema } from "./modules/contact-point/contact-point.model";
import { counterSchema, referralSchema } from "./modules/referral/referral.model";
import { responseSchema } from "./modules/response/response.model";
import { returnEventSchema } from "./modules/return-event/return-event.model";

/** One country's store: its own connection and the models bound to it. */
export function createStore(uri: string) {
  const connection = connectStore(uri);
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
