import { GraphQLError } from "graphql";
import { findEnabledCountry } from "../../../../../schema/registry";
import { BadUserInputError, NotFoundError } from "../../../../shared/src/errors";
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
  if (!findEnabledCountry(sender))
    throw new BadUserInputError(`'${sender}' is not a participating country`, "referralId");

  let result: SenderReferralResult;
  try {
    result = await ctx.federation.asService<SenderReferralResult>(SENDER_REFERRAL_QUERY, {
      code: sender,
      id,
    });
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

const notFound = (id: string, ctx: Context) =>
  new NotFoundError(`No referral '${id}' addressed to ${ctx.country.name} exists at its sender.`);

/** The other country of a referral, seen from the country handling the request. */
export function otherParty(ctx: Context, parties: Pick<ReferralParties, "from" | "to">): string {
  return parties.from === ctx.country.code ? parties.to : parties.from;
}
