/** The Children's Unit's regional events, in its own store. */

import DataLoader from "dataloader";
import mongoose from "mongoose";
import {
  assertYear,
  BadUserInputError,
  NotFoundError,
  parseObjectId,
  planItemOrRefuse,
  StaleVersionError,
  yearRange,
} from "#core";
import { DirectoryStore } from "../store";
import { EventKind } from "./event.enums";
import { RegionalEventInput } from "./event.input";
import { RegionalEventRecord } from "./event.model";
import { RegionalEvent } from "./event.type";

/** A year's events are a few dozen; a list stops here rather than grow without bound. */
export const MAX_EVENTS = 500;
const DAY_MS = 86_400_000;

export function toRegionalEvent(doc: RegionalEventRecord): RegionalEvent {
  const participation = doc.participation.map((p) => ({
    country: p.country,
    profession: p.profession,
    count: p.count,
  })) as RegionalEvent["participation"];
  return {
    id: doc._id.toHexString(),
    kind: doc.kind as EventKind,
    title: doc.title,
    topic: doc.topic,
    startsOn: doc.startsOn,
    endsOn: doc.endsOn,
    place: doc.place,
    organiser: doc.organiser,
    planItemIds: doc.planItemIds,
    audiences: doc.audiences as RegionalEvent["audiences"],
    participation,
    participatingCountries: [...new Set(participation.map((p) => p.country))],
    participantCount: participation.reduce((sum, p) => sum + p.count, 0),
    materials: doc.materials.map((m) => ({ title: m.title, url: m.url })),
    version: doc.version,
    updatedAt: doc.updatedAt,
  };
}

/** Checks what the input's field rules cannot see alone; plain fields only reach the store. */
function fieldsOf(input: RegionalEventInput) {
  for (const field of ["startsOn", "endsOn"] as const) {
    if (input[field].getTime() % DAY_MS !== 0) {
      throw new BadUserInputError(
        "an event's dates are whole days: give midnight UTC, e.g. 2026-03-10T00:00:00Z",
        field,
      );
    }
  }
  if (input.endsOn.getTime() < input.startsOn.getTime()) {
    throw new BadUserInputError("must not be before startsOn", "endsOn");
  }
  const seen = new Set<string>();
  input.participation.forEach((p, i) => {
    const key = `${p.country}|${p.profession}`;
    if (seen.has(key)) {
      throw new BadUserInputError(
        `${p.country} ${p.profession} is counted twice; give one count per country and profession`,
        `participation.${i}`,
      );
    }
    seen.add(key);
  });
  return {
    kind: input.kind,
    title: input.title,
    topic: input.topic,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    place: input.place,
    organiser: input.organiser,
    planItemIds: input.planItemIds,
    audiences: input.audiences,
    participation: input.participation.map((p) => ({
      country: p.country,
      profession: p.profession,
      count: p.count,
    })),
    materials: input.materials.map((m) => ({ title: m.title, url: m.url })),
  };
}

export interface EventFilter {
  year?: number;
  /** Events starting on or after this day. */
  since?: Date;
  planItemId?: string;
  kind?: EventKind;
}

/**
 * Per request: the events of each plan item (`<year>|<item>`, year empty for all), batched into one read
 * per year for all items asked together.
 */
export function eventsOfItemLoader(store: DirectoryStore): DataLoader<string, RegionalEvent[]> {
  return new DataLoader(async (keys) => {
    const years = [...new Set(keys.map((key) => key.split("|")[0]))];
    const byYear = new Map(
      await Promise.all(
        years.map(async (year) => {
          const items = keys.filter((key) => key.startsWith(`${year}|`)).map((key) => key.split("|")[1]);
          const events = await eventsForItems(store, items, year ? Number(year) : undefined);
          return [year, events] as const;
        }),
      ),
    );
    return keys.map((key) => {
      const [year, item] = key.split("|");
      return byYear.get(year)!.filter((e) => e.planItemIds.includes(item));
    });
  });
}

export async function listRegionalEvents(
  store: DirectoryStore,
  filter: EventFilter,
): Promise<RegionalEvent[]> {
  assertYear(filter.year);
  const query: Record<string, unknown> = {};
  const range: Record<string, Date> = filter.year != null ? yearRange(filter.year) : {};
  if (filter.since && (!range.$gte || filter.since > range.$gte)) range.$gte = filter.since;
  if (Object.keys(range).length) query.startsOn = mongoose.trusted(range);
  if (filter.planItemId != null) query.planItemIds = planItemOrRefuse(filter.planItemId, "planItemId").id;
  if (filter.kind) query.kind = filter.kind;
  const records = await store.RegionalEvent.find(query)
    .sort({ startsOn: 1, _id: 1 })
    .limit(MAX_EVENTS)
    .lean<RegionalEventRecord[]>();
  return records.map(toRegionalEvent);
}

/** The events that served any of these items (in a year), for the tracker's items at once. */
export async function eventsForItems(
  store: DirectoryStore,
  itemIds: readonly string[],
  year?: number,
): Promise<RegionalEvent[]> {
  const query: Record<string, unknown> = { planItemIds: mongoose.trusted({ $in: [...itemIds] }) };
  if (year != null) query.startsOn = mongoose.trusted(yearRange(year));
  const records = await store.RegionalEvent.find(query)
    .sort({ startsOn: 1, _id: 1 })
    .limit(MAX_EVENTS)
    .lean<RegionalEventRecord[]>();
  return records.map(toRegionalEvent);
}

export async function getRegionalEvent(store: DirectoryStore, id: string): Promise<RegionalEvent | null> {
  const record = await store.RegionalEvent.findById(parseObjectId(id, "id")).lean<RegionalEventRecord>();
  return record ? toRegionalEvent(record) : null;
}

export async function createRegionalEvent(
  store: DirectoryStore,
  input: RegionalEventInput,
): Promise<RegionalEvent> {
  const created = await store.RegionalEvent.create({ ...fieldsOf(input), version: 1 });
  return toRegionalEvent(created.toObject() as RegionalEventRecord);
}

export async function updateRegionalEvent(
  store: DirectoryStore,
  id: string,
  version: number,
  input: RegionalEventInput,
): Promise<RegionalEvent> {
  const _id = parseObjectId(id, "id");
  const updated = await store.RegionalEvent.findOneAndUpdate(
    { _id, version },
    { $set: fieldsOf(input), $inc: { version: 1 } },
    { new: true },
  ).lean<RegionalEventRecord>();
  if (updated) return toRegionalEvent(updated);
  const current = await store.RegionalEvent.findById(_id, { version: 1 }).lean<{ version: number }>();
  if (!current) throw new NotFoundError(`No regional event with id '${id}'.`);
  throw new StaleVersionError(`Regional event '${id}'`, version, current.version);
}
