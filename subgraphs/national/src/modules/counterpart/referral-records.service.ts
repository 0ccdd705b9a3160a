import { BadUserInputError } from "#core";
import { Context } from "../../context.type";
import { parseReferralId } from "../ids";
import { toResponse } from "../response/response.mapper";
import { toMessage } from "../message/message.mapper";
import { toReturnEvent } from "../return-event/return-event.mapper";
import { MAX_PAGE_SIZE } from "../pagination";
import { refuseNonParty } from "../referral/referral-parties";
import { CounterpartRecord } from "./counterpart-record.type";

/**
 * What this country holds about referrals it is a party to: its response (as receiver), the return
 * events it recorded and the messages it wrote. Answered only to principals of the referral's two countries; the sender's subgraph
 * asks for these on its caller's behalf to assemble a referral's full status.
 */
export async function referralRecords(ctx: Context, referralIds: string[]): Promise<CounterpartRecord[]> {
  if (referralIds.length > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`at most ${MAX_PAGE_SIZE} ids per request`, "referralIds");
  }
  const ids = referralIds.map((id) => parseReferralId(id, "referralIds").id);
  // Whether this country holds records of another pair's referral is nothing a third country may learn.
  await Promise.all(ids.map((id) => refuseNonParty(ctx, "readReferrals", id)));
  const own = ctx.country.code;
  return Promise.all(
    ids.map(async (id) => {
      const [response, events, messages] = await Promise.all([
        ctx.loaders.responses.load(id),
        ctx.loaders.eventsByReferral.load(id),
        ctx.loaders.messagesByReferral.load(id),
      ]);
      const parties = new Set<string>();
      if (response) [response.from, own].forEach((c) => parties.add(c));
      for (const held of [...events, ...messages])
        [held.sender, held.receiver].forEach((c) => parties.add(c));
      if (parties.size) ctx.authorize("readReferrals", { parties: [...parties], recordIds: [id] });
      return {
        referralId: id,
        response: response ? toResponse(response, own) : undefined,
        events: events.map(toReturnEvent),
        messages: messages.map(toMessage),
      };
    }),
  );
}
