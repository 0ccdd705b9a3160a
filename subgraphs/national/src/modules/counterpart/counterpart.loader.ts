import DataLoader from "dataloader";
import { Caller, FederationClient } from "../../federation-client";
import { CounterpartRecord } from "./counterpart-record.type";
import { COUNTERPART_RECORDS_QUERY, CounterpartRecordsResult, fromWire } from "./counterpart.query";

/** Keys of the counterpart loader: which country to ask, about which referral. */
interface CounterpartKey {
  country: string;
  referralId: string;
}

/**
 * Per request: what the other party of each referral holds, asked through the gateway with the caller's
 * own token, one request per counterpart country. A country that cannot answer fails only its referrals.
 */
export function createCounterpartLoader(federation: FederationClient, caller: Caller, deadline: number) {
  return new DataLoader<CounterpartKey, CounterpartRecord, string>(
    async (keys) => {
      const byCountry = new Map<string, string[]>();
      for (const { country, referralId } of keys)
        byCountry.set(country, [...(byCountry.get(country) ?? []), referralId]);
      const answers = new Map<string, CounterpartRecord | Error>();
      await Promise.all(
        [...byCountry].map(async ([country, ids]) => {
          try {
            const result = await federation.asCaller<CounterpartRecordsResult>(
              caller,
              COUNTERPART_RECORDS_QUERY,
              { code: country, ids },
              deadline,
            );
            for (const record of result.country?.referralRecords ?? []) {
              answers.set(`${country}:${record.referralId}`, fromWire(record));
            }
          } catch (error) {
            for (const id of ids) answers.set(`${country}:${id}`, error as Error);
          }
        }),
      );
      return keys.map(
        (key) =>
          answers.get(`${key.country}:${key.referralId}`) ?? {
            referralId: key.referralId,
            events: [],
            messages: [],
          },
      );
    },
    { cacheKeyFn: (key) => `${key.country}:${key.referralId}` },
  );
}
