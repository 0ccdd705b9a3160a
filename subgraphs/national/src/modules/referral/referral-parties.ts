import { GraphQLError } from "graphql";
import { findCountry, findEnabledCountry } from "#schema/registry";
import { BadUserInputError, NotFoundError, PolicyName } from "#core";
import { Context } from "../../context.type";
import { parseReferralId } from "../ids";
import { ReferralStatus } from "./referral.enums";

export interface ReferralParties {
  id: string;
  from: string;
  to: string;
  status: ReferralStatus;
  sentAt: Date;
  /** When the sender erased the profile, if it did. */
  erasedAt?: Date;
}

const SENDER_REFERRAL_QUERY = `
  query ReferralParties($code: ID!, $id: ID!) {
    country(code: $code) { referral(id: $id) { id from { code } to { code } status sentAt erasedAt } }
  }`;

interface SenderReferralResult {
  country: {
    referral: {
      id: string;
      from: { code: string };
      to: { code: string };
      status: ReferralStatus;
      sentAt: string;
      erasedAt: string | null;
    } | null;
  } | null;
}

/**
 * Who the two parties of a referral are, asked of the only country that knows: the sender. Locally when
 * this country sent it; otherwise through the federation, as this subgraph's own service identity. A
 * referral this country may not see is reported as not found, so nothing about it leaks.
 */
export async function referralParties(ctx: Context, referralId: string): Promise<ReferralParties> {
  const { id, sender } = parseReferralId(referralId);
  const own = ctx.country.code;
  if (sender === own) {
    const record = await ctx.loaders.referrals.load(id);
    if (!record) throw new NotFoundError(`No referral '${id}' sent by ${ctx.country.name}.`);
    return {
      id,
      from: record.from,
      to: record.to,
      status: record.status as ReferralStatus,
      sentAt: record.sentAt,
      erasedAt: record.erasedAt ?? undefined,
    };
  }
  const senderCountry = findEnabledCountry(sender);
  if (!senderCountry) throw new BadUserInputError(`'${sender}' is not a participating country`, "referralId");

  let result: SenderReferralResult;
  try {
    result = await ctx.federation.asService<SenderReferralResult>(
      senderCountry,
      SENDER_REFERRAL_QUERY,
      { code: sender, id },
      "referrals:read",
      ctx.deadline,
    );
  } catch (error) {
    const code = error instanceof GraphQLError ? error.extensions.code : undefined;
    if (code === "FORBIDDEN" || code === "NOT_FOUND") throw notFound(id, ctx);
    throw error; // e.g. COUNTRY_UNAVAILABLE: the sender cannot confirm, so nothing is written
  }
  const referral = result.country?.referral;
  if (!referral || referral.to.code !== own) throw notFound(id, ctx);
  return {
    id,
    from: referral.from.code,
    to: referral.to.code,
    status: referral.status,
    sentAt: new Date(referral.sentAt),
    erasedAt: referral.erasedAt ? new Date(referral.erasedAt) : undefined,
  };
}

/**
 * The countries that may be parties to a referral, as far as this country can tell without asking anyone:
 * the sender named in the id and this country, when another country sent it (this country holds records
 * of a referral only as one of its two); the referral's two countries when this country sent it, or this
 * country alone when it sent none with that id.
 */
export async function possibleParties(ctx: Context, referralId: string): Promise<string[]> {
  const { id, sender } = parseReferralId(referralId);
  const own = ctx.country.code;
  if (sender !== own) return [sender, own];
  const record = await ctx.loaders.referrals.load(id);
  return record ? [record.from, record.to] : [own];
}

/**
 * Refuses a caller who is not among the possible parties, before another country is asked anything on its
 * behalf: FORBIDDEN, alike for a referral of other countries and for one that does not exist.
 */
export async function refuseNonParty(ctx: Context, policy: PolicyName, referralId: string): Promise<void> {
  ctx.authorize(policy, { parties: await possibleParties(ctx, referralId), recordIds: [referralId] });
}

/**
 * The two countries of a referral that `ringer` holds with this country, checked with whichever of the two
 * sent it: this country's own store, or the ringer's subgraph, asked back under this country's service
 * identity. Anything else (no such referral, or one of other countries) is one and the same NOT_FOUND,
 * final for the ringer's outbox.
 */
export async function heldWith(ctx: Context, referralId: string, ringer: string): Promise<string[]> {
  const notHeld = () =>
    new NotFoundError(
      `${findCountry(ringer)?.name ?? ringer} and ${ctx.country.name} hold no referral '${referralId}' together.`,
    );
  const parties = await possibleParties(ctx, referralId);
  if (!parties.includes(ringer)) throw notHeld();
  if (parseReferralId(referralId).sender === ringer) {
    try {
      await referralParties(ctx, referralId);
    } catch (error) {
      if (error instanceof NotFoundError) throw notHeld();
      throw error; // the ringer cannot be asked now: its outbox rings again later
    }
  }
  return parties;
}

const notFound = (id: string, ctx: Context) =>
  new NotFoundError(`No referral '${id}' addressed to ${ctx.country.name} exists at its sender.`);

/** The other country of a referral, seen from the country handling the request. */
export function otherParty(ctx: Context, parties: Pick<ReferralParties, "from" | "to">): string {
  return parties.from === ctx.country.code ? parties.to : parties.from;
}
