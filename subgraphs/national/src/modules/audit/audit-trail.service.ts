import { Context } from "../../context.type";
import { newestFirst, SEQUENCE_NUMBERS } from "../pagination";
import { AuditRecord, GENESIS_HASH, refusalTally } from "#core";
import { AuditEntry, AuditEntryConnection, AuditHead, AuditOutcomeValue } from "./audit.type";

export interface AuditFilter {
  outcome?: AuditOutcomeValue;
  country?: string;
  policy?: string;
}

const toEntry = ({ _id, count, ...rest }: AuditRecord): AuditEntry => ({
  ...(rest as unknown as AuditEntry),
  seq: _id,
  count: count ?? 1,
});

/** The country's own officers page through their audit log, newest first. */
export async function auditTrail(
  ctx: Context,
  filter: AuditFilter,
  first: number,
  after?: string,
): Promise<AuditEntryConnection> {
  // Refusals counted since the last write are in the log before anyone reads it.
  await refusalTally(ctx.store.Audit).flush();
  const query: Record<string, unknown> = {};
  if (filter.outcome) query.outcome = filter.outcome;
  if (filter.country) query.country = filter.country.toUpperCase();
  if (filter.policy) query.policy = filter.policy;
  const page = await newestFirst<AuditRecord, number>(ctx.store.Audit, query, first, after, SEQUENCE_NUMBERS);
  return { nodes: page.nodes.map(toEntry), pageInfo: page.pageInfo };
}

export async function auditHead(ctx: Context): Promise<AuditHead> {
  const head = await ctx.store.Audit.findOne({}, { hash: 1 }).sort({ _id: -1 }).lean<AuditRecord>();
  return head ? { seq: head._id, hash: head.hash } : { seq: 0, hash: GENESIS_HASH };
}
