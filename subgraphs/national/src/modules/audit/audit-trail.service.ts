import mongoose from "mongoose";
import { Context } from "../../context.type";
import { checkPageSize, decodeCursor, toPage } from "../pagination";
import { AuditRecord } from "./audit.model";
import { AuditEntry, AuditEntryConnection, AuditHead, AuditOutcomeValue } from "./audit.type";
import { GENESIS_HASH } from "./hash-chain";

export interface AuditFilter {
  outcome?: AuditOutcomeValue;
  country?: string;
  policy?: string;
}

const toEntry = ({ _id, ...rest }: AuditRecord): AuditEntry => ({
  ...(rest as unknown as AuditEntry),
  seq: _id,
});

/** The country's own officers page through their audit log, newest first. */
export async function auditTrail(
  ctx: Context,
  filter: AuditFilter,
  first: number,
  after?: string,
): Promise<AuditEntryConnection> {
  ctx.authorize("readAuditTrail");
  checkPageSize(first);
  const query: Record<string, unknown> = {};
  if (filter.outcome) query.outcome = filter.outcome;
  if (filter.country) query.country = filter.country.toUpperCase();
  if (filter.policy) query.policy = filter.policy;
  if (after)
    query._id = mongoose.trusted({ $lt: Number(decodeCursor(after, (id) => /^\d{1,12}$/.test(id))) });
  const rows = await ctx.store.Audit.find(query)
    .sort({ _id: -1 })
    .limit(first + 1)
    .lean<AuditRecord[]>();
  const page = toPage(rows, first, (r) => String(r._id));
  return { nodes: page.nodes.map(toEntry), pageInfo: page.pageInfo };
}

export async function auditHead(ctx: Context): Promise<AuditHead> {
  ctx.authorize("readAuditHead");
  const head = await ctx.store.Audit.findOne({}, { hash: 1 }).sort({ _id: -1 }).lean<AuditRecord>();
  return head ? { seq: head._id, hash: head.hash } : { seq: 0, hash: GENESIS_HASH };
}
