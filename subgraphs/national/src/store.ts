import mongoose, { Model } from "mongoose";
import { connectStore, StoreConnectionOptions } from "../../shared/src/store-connection";
import { auditSchema } from "../../shared/src/audit/audit.model";
import { caseSchema } from "./modules/case/case.model";
import { ContactPointCache } from "./modules/contact-point/contact-point-cache";
import { CountryStatistics } from "./modules/statistics/statistics.type";
import { TimedCache } from "../../shared/src/timed-cache";
import { contactPointSchema } from "./modules/contact-point/contact-point.model";
import { referralSchema } from "./modules/referral/referral.model";
import { responseSchema } from "./modules/response/response.model";
import { returnEventSchema } from "./modules/return-event/return-event.model";
import { messageSchema } from "./modules/message/message.model";
import { caseCountSchema, ensureCaseCounts } from "./modules/case/case-counts";
import { migrateLegacyCases } from "./modules/case/case-migration";
import { partnerSchema } from "./modules/network/partner.model";
import { planProgressSchema } from "./modules/network/plan-progress.model";
import { workingGroupSchema } from "./modules/network/working-group.model";
import { notificationSchema, outboxSchema } from "./modules/notification/notification.model";
import { webhookDeliverySchema, webhookSchema } from "./modules/notification/webhook.model";

/** One country's store: its own connection and the models bound to it. */
export function createStore(
  uri: string,
  label: string,
  options: Pick<StoreConnectionOptions, "log" | "queryLog"> & {
    contactPointsCacheMs?: number;
    statisticsCacheMs?: number;
  } = {},
) {
  const { contactPointsCacheMs = 0, statisticsCacheMs = 0, ...connectionOptions } = options;
  const models: Array<Model<any>> = [];
  const store = connectStore(uri, {
    label,
    models: () => models,
    // Before the subgraph can answer: records of an older shape brought up to date, then the case counts
    // behind the statistics.
    prepare: async () => {
      await migrateLegacyCases(bound);
      await ensureCaseCounts(bound);
    },
    ...connectionOptions,
  });
  const { connection } = store;
  const bound = {
    connection,
    ContactPoint: connection.model("ContactPoint", contactPointSchema),
    Case: connection.model("Case", caseSchema),
    Referral: connection.model("Referral", referralSchema),
    Response: connection.model("Response", responseSchema),
    ReturnEvent: connection.model("ReturnEvent", returnEventSchema),
    Message: connection.model("Message", messageSchema),
    Audit: connection.model("Audit", auditSchema),
    CaseCount: connection.model("CaseCount", caseCountSchema),
    Partner: connection.model("Partner", partnerSchema),
    WorkingGroup: connection.model("WorkingGroup", workingGroupSchema),
    PlanProgress: connection.model("PlanProgress", planProgressSchema),
    DoorbellOutbox: connection.model("DoorbellOutbox", outboxSchema),
    Notification: connection.model("Notification", notificationSchema),
    Webhook: connection.model("Webhook", webhookSchema),
    WebhookDelivery: connection.model("WebhookDelivery", webhookDeliverySchema),
    Meta: connection.model(
      "Meta",
      new mongoose.Schema(
        { _id: String, value: mongoose.Schema.Types.Mixed },
        { collection: "meta", versionKey: false },
      ),
    ),
  };
  models.push(...Object.values(bound).filter((value): value is Model<any> => typeof value === "function"));
  return {
    ...bound,
    contactPoints: new ContactPointCache(contactPointsCacheMs),
    /**
     * Disclosure-controlled figures per period (aggregates, no case data), so that many callers asking
     * for the same period cost one computation a `statisticsCacheMs`.
     */
    statistics: new TimedCache<string, CountryStatistics>(statisticsCacheMs, 500),
    ready: store.ready,
    state: store.state,
    isReady: store.isReady,
    close: store.close,
  };
}

export type Store = ReturnType<typeof createStore>;

/**
 * A store for a script or test: connected, indexes in place, or an error after `timeoutMs`. Services use
 * `createStore` and wait as long as it takes; a script is better told.
 */
export async function openStore(uri: string, label = "script", timeoutMs = 60_000): Promise<Store> {
  const store = createStore(uri, label, { log: () => undefined });
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
