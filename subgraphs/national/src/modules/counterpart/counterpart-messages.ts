import { Context } from "../../context.type";

/** The ids of the messages `country` holds about a referral, read with the caller's token. */
export async function counterpartMessageIds(ctx: Context, country: string, referralId: string) {
  const record = await ctx.loaders.counterpartRecords.load({ country, referralId });
  return record.messages.map((m) => m.id);
}
