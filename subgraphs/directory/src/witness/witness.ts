import mongoose, { Connection } from "mongoose";
import { DIRECTORY_SUBGRAPH, TOKEN_AUDIENCE } from "#schema/registry";
import { serviceKeyOf, signServiceToken } from "#core";

export const witnessedHeadSchema = new mongoose.Schema(
  {
    country: { type: String, required: true },
    seq: { type: Number, required: true },
    hash: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: "witnessed_audit_heads", versionKey: false, strict: "throw" },
);
witnessedHeadSchema.index({ country: 1, seq: 1 }, { unique: true });

export interface WitnessedHeadRecord {
  country: string;
  seq: number;
  hash: string;
  at: Date;
}

const HEADS_QUERY = "query WitnessAuditHeads { countries { code auditHead { seq hash } } }";

/**
 * The Children's Unit's witness: at intervals it asks every country, through the gateway, for the head of
 * its audit log (sequence number and hash only) and keeps it. A country that later truncates or rewrites
 * its log no longer matches what was witnessed.
 */
export class AuditWitness {
  private timer?: NodeJS.Timeout;
  readonly model;

  constructor(
    connection: Connection,
    private readonly gatewayUrl: string,
    private readonly keysDir: string,
  ) {
    this.model = connection.model<WitnessedHeadRecord>("WitnessedHead", witnessedHeadSchema);
  }

  start(intervalMs: number): void {
    const tick = () => {
      this.witnessOnce()
        .catch((error) => console.error(`[directory] audit witness: ${(error as Error).message}`))
        .finally(() => {
          this.timer = setTimeout(tick, intervalMs);
          this.timer.unref();
        });
    };
    this.timer = setTimeout(tick, Math.min(intervalMs, 2_000));
    this.timer.unref();
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  /** One round: records each answering country's head unless it is the one already witnessed. */
  async witnessOnce(): Promise<number> {
    const token = await signServiceToken(this.keysDir, serviceKeyOf(DIRECTORY_SUBGRAPH), {
      role: "RFP_ANALYST",
      subject: "service:directory-witness",
      expiresIn: "2m",
      // It asks every country at once, through the gateway, as a person would.
      audience: TOKEN_AUDIENCE,
    });
    const response = await fetch(this.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: HEADS_QUERY }),
      signal: AbortSignal.timeout(10_000),
    });
    const { data } = (await response.json()) as {
      data?: { countries: Array<{ code: string; auditHead: { seq: number; hash: string } | null }> };
    };
    let recorded = 0;
    for (const { code, auditHead } of data?.countries ?? []) {
      if (!auditHead || auditHead.seq === 0) continue;
      const last = await this.model.findOne({ country: code }).sort({ seq: -1 }).lean();
      if (last && last.seq === auditHead.seq && last.hash === auditHead.hash) continue;
      await this.model.updateOne(
        { country: code, seq: auditHead.seq },
        { $setOnInsert: { hash: auditHead.hash, at: new Date() } },
        { upsert: true },
      );
      recorded++;
    }
    return recorded;
  }

  heads(country: string, limit = 1000): Promise<WitnessedHeadRecord[]> {
    return this.model
      .find({ country: country.toUpperCase() })
      .sort({ seq: -1 })
      .limit(limit)
      .lean<WitnessedHeadRecord[]>();
  }
}

declare module "../context.type" {
  interface DirectoryServices {
    /** Asks each country for its audit head and keeps what it was told (started once by main.ts). */
    readonly witness: AuditWitness;
  }
}
