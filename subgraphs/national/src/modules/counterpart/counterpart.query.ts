import { countryRef } from "../country-ref";
import { ReferralMessage } from "../message/message.type";
import { ReferralResponse } from "../response/response.type";
import { ReturnEvent } from "../return-event/return-event.type";
import { CounterpartRecord } from "./counterpart-record.type";

/** What a sender's subgraph asks the receiver (through the gateway) about a batch of referrals. */
export const COUNTERPART_RECORDS_QUERY = `
  query CounterpartRecords($code: ID!, $ids: [ID!]!) {
    country(code: $code) {
      referralRecords(referralIds: $ids) {
        referralId
        response {
          referralId respondedBy { code } decision declineReason assignedContactId
          familyTracing { outcome summary }
          riskAssessment { completedOn returnInBestInterests summary }
          returnPlan { plannedDate receivingPlacement escort }
          reintegrationSupport { kind description startedOn }
          firstRespondedAt decidedAt updatedAt version
        }
        events { id referralId kind occurredAt recordedAt recordedBy { code } notes corrects }
        messages { id referralId writtenBy { code } author body answerTo sentAt }
      }
    }
  }`;

interface WireRecord {
  referralId: string;
  response:
    | (Record<string, unknown> & {
        respondedBy: { code: string };
        firstRespondedAt: string;
        updatedAt: string;
      })
    | null;
  events: Array<
    Record<string, unknown> & { occurredAt: string; recordedAt: string; recordedBy: { code: string } }
  >;
  messages: Array<Record<string, unknown> & { sentAt: string; writtenBy: { code: string } }>;
}

export interface CounterpartRecordsResult {
  country: { referralRecords: WireRecord[] } | null;
}

/** Turns the wire format back into the objects this subgraph serves (dates as Date, countries as references). */
export function fromWire(record: WireRecord): CounterpartRecord {
  const { response } = record;
  return {
    referralId: record.referralId,
    response: response
      ? ({
          ...response,
          respondedBy: countryRef(response.respondedBy.code),
          firstRespondedAt: new Date(response.firstRespondedAt),
          decidedAt: response.decidedAt ? new Date(response.decidedAt as string) : undefined,
          updatedAt: new Date(response.updatedAt),
        } as unknown as ReferralResponse)
      : undefined,
    events: record.events.map(
      (event) =>
        ({
          ...event,
          occurredAt: new Date(event.occurredAt),
          recordedAt: new Date(event.recordedAt),
          recordedBy: countryRef(event.recordedBy.code),
        }) as unknown as ReturnEvent,
    ),
    messages: record.messages.map(
      (message) =>
        ({
          ...message,
          sentAt: new Date(message.sentAt),
          writtenBy: countryRef(message.writtenBy.code),
        }) as unknown as ReferralMessage,
    ),
  };
}
