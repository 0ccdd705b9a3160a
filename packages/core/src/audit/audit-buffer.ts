import { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import { Principal } from "../auth/principal";
import { AuthResult } from "../auth/verify-token";
import { Model } from "mongoose";
import { appendAudit, AuditDraft } from "./audit-log";
import { AuditOutcome } from "./audit.model";
import { refusalTally } from "./refusal-tally";

export interface AuditNote {
  policy: string;
  outcome: AuditOutcome;
  recordIds?: readonly string[];
  purpose?: string;
  reason?: string;
}

function who(auth: AuthResult): Pick<AuditDraft, "issuer" | "subject" | "country" | "role"> {
  if (auth.kind === "authenticated") {
    const p: Principal = auth.principal;
    return { issuer: p.issuer, subject: p.subject, country: p.country ?? null, role: p.role };
  }
  return {
    issuer: null,
    subject: auth.kind === "anonymous" ? "anonymous" : "rejected-token",
    country: null,
    role: null,
  };
}

export class AuditUnavailableError extends GraphQLError {
  constructor() {
    super("The access could not be recorded in the audit log, so it was not granted. Try again shortly.", {
      extensions: { code: "AUDIT_UNAVAILABLE" },
    });
  }
}

/**
 * Collects one request's audit entries. Reads and refusals are appended once, when the response is ready;
 * a write is appended before it happens (so an unrecordable write never happens) and its outcome after.
 */
export class AuditBuffer {
  private readonly notes = new Map<string, AuditNote & { recordIds: string[] }>();
  private readonly writes: Array<AuditNote & { recordIds: string[] }> = [];

  constructor(
    private readonly log: Model<any>,
    private readonly auth: AuthResult,
    private readonly operation: string,
  ) {}

  /** Merges notes of the same policy and outcome, so a listing is one entry naming every record. */
  note(note: AuditNote): void {
    const key = `${note.policy}|${note.outcome}|${note.reason ?? ""}|${note.purpose ?? ""}`;
    const existing = this.notes.get(key);
    const ids = [...(note.recordIds ?? [])];
    if (existing) existing.recordIds.push(...ids.filter((id) => !existing.recordIds.includes(id)));
    else this.notes.set(key, { ...note, recordIds: ids });
  }

  /** Records the intent of a write before it happens; throws AUDIT_UNAVAILABLE if that is impossible. */
  async beginWrite(policy: string, recordIds: readonly string[]): Promise<void> {
    const note = { policy, outcome: "ALLOWED" as const, recordIds: [...recordIds] };
    try {
      await appendAudit(this.log, [this.draft(note)]);
    } catch {
      throw new AuditUnavailableError();
    }
    this.writes.push(note);
  }

  /**
   * Names the record a write created (its id is known only afterwards) in that write's outcome entry, so
   * the log links the creation to the record it made.
   */
  nameCreated(id: string): void {
    this.writes.at(-1)?.recordIds.push(id);
  }

  /** Appends the request's remaining entries; writes get their outcome from the response's errors. */
  async flush(errorCodes: readonly string[]): Promise<void> {
    const outcomes: AuditNote[] = this.writes.map((w) => ({
      ...w,
      outcome: errorCodes.length ? "FAILED" : "SUCCEEDED",
      reason: errorCodes.length ? errorCodes.join(", ") : undefined,
    }));
    const notes = [...this.notes.values()];
    // Refusals of a caller without a valid token are counted, not chained one by one (refusal-tally.ts).
    const uncounted =
      this.auth.kind === "authenticated" ? notes : notes.filter((n) => n.outcome !== "REFUSED");
    for (const note of notes) if (!uncounted.includes(note)) refusalTally(this.log).add(this.draft(note));
    await appendAudit(
      this.log,
      [...uncounted, ...outcomes].map((n) => this.draft(n)),
    );
  }

  private draft(note: AuditNote): AuditDraft {
    return {
      at: new Date(),
      ...who(this.auth),
      operation: this.operation,
      policy: note.policy,
      recordIds: [...(note.recordIds ?? [])],
      purpose: note.purpose ?? null,
      outcome: note.outcome,
      reason: note.reason ?? null,
    } as AuditDraft;
  }
}

/** Flushes each request's audit entries before the response leaves; if that fails, the data does not. */
export function auditPlugin(): ApolloServerPlugin<{ audit: AuditBuffer }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          const codes = (result.errors ?? []).map((e) =>
            String(e.extensions?.code ?? "INTERNAL_SERVER_ERROR"),
          );
          try {
            await contextValue.audit.flush(codes);
          } catch {
            const error = new AuditUnavailableError();
            response.body.singleResult = {
              errors: [{ message: error.message, extensions: error.extensions }],
            };
          }
        },
      };
    },
  };
}

/** The operation's name as the gateway sent it (it carries the client's operation name), for the audit log. */
export function operationName(body: unknown): string {
  const name = (body as { operationName?: unknown } | undefined)?.operationName;
  return typeof name === "string" && name ? name.slice(0, 200) : "(anonymous operation)";
}
