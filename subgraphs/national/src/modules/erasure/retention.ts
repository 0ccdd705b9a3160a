import mongoose from "mongoose";
import { nationalSubgraphName } from "#schema/registry";
import { NationalConfig } from "../../config";
import { FederationClient } from "../../federation-client";
import { Store } from "../../store";
import { AuditBuffer } from "#core";
import { ReferralRecord } from "../referral/referral.model";
import { eraseAtSender, notifyReceiver } from "./erasure.service";

const MONTH_MS = (365.25 / 12) * 86_400_000;
/** Referrals handled per sweep and per kind of work; the next sweep takes the rest. */
const BATCH = 100;

/**
 * One pass of retention: the profiles of referrals withdrawn or closed more than `retentionMonths` ago
 * are erased (each erasure in the audit log, by this subgraph's service identity), and every receiver
 * that has not yet confirmed erasing its copies is asked again.
 */
export async function sweepRetention(store: Store, federation: FederationClient, config: NationalConfig) {
  const cutoff = new Date(Date.now() - config.retentionMonths * MONTH_MS);
  const due = await store.Referral.find({ endedAt: mongoose.trusted({ $lt: cutoff }), erasedAt: null })
    .limit(BATCH)
    .lean<ReferralRecord[]>();
  for (const record of due) {
    const audit = new AuditBuffer(
      store.Audit,
      {
        kind: "authenticated",
        principal: {
          issuer: "retention",
          subject: `service:${nationalSubgraphName(config.country)}`,
          role: "NATIONAL_SYSTEM",
          country: config.country.code,
          scopes: [],
        },
      },
      "retention",
    );
    await audit.beginWrite("writeReferrals", [record._id]);
    await eraseAtSender(store, record, `retention: ${config.retentionMonths} months after ${record.status}`);
    await audit.flush([]);
  }
  const pending = await store.Referral.find({ receiverErasurePending: true })
    .limit(BATCH)
    .lean<ReferralRecord[]>();
  for (const record of pending) await notifyReceiver(store, federation, record).catch(() => false);
  return { erased: due.length, pending: pending.length };
}

/** Runs the sweep once the store is ready and then every `retentionSweepMs`, never two at once. */
export function startRetention(
  store: Store,
  federation: FederationClient,
  config: NationalConfig,
  log: (line: string) => void,
): () => void {
  let running = false;
  const run = async () => {
    if (running || store.state() !== "ready") return;
    running = true;
    try {
      const { erased } = await sweepRetention(store, federation, config);
      if (erased) log(`retention: erased the profiles of ${erased} referrals`);
    } catch (error) {
      log(`retention: sweep failed, retried in the next one: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(run, config.retentionSweepMs);
  timer.unref();
  void store.ready.then(run, () => undefined);
  return () => clearInterval(timer);
}
