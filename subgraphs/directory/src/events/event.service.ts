import mongoose, { Types } from "mongoose";
import { BadUserInputError, NotFoundError, StaleVersionError } from "../../../shared/src/errors";
import { DirectoryStore } from "../store";
import { EventKind } from "./event.enums";
import { RegionalEventInput } from "./event.input";
import { RegionalEventRecord } from "./event.model";
import { RegionalEvent } from "./event.type";

const OBJECT_ID = /^[0-9a-f]{24}$/i;
const MAX_EVENTS = 500;

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

function parseId(id: string): Types.ObjectId {
  if (!OBJECT_ID.test(id)) throw new BadUserInputError(`'${id.slice(0, 40)}' is not a valid id`, "id");
  return new Types.ObjectId(id);
}

/** Checks what the input's field rules cannot see alone; plain fields only reach the store. */
function fieldsOf(input: RegionalEventInput) {
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
  planItemId?: string;
  kind?: EventKind;
}

/** The Children's Unit's regional events, in its own store. */
export class RegionalEvents {
  constructor(private readonly store: DirectoryStore) {}

  async list(filter: EventFilter): Promise<RegionalEvent[]> {
    const query: Record<string, unknown> = {};
    if (filter.year !== undefined) {
      if (!Number.isInteger(filter.year) || filter.year < 2000 || filter.year > 2100) {
        throw new BadUserInputError("must be a year between 2000 and 2100", "year");
      }
      query.startsOn = mongoose.trusted({
        $gte: new Date(Date.UTC(filter.year, 0, 1)),
        $lt: new Date(Date.UTC(filter.year + 1, 0, 1)),
      });
    }
    if (filter.planItemId !== undefined) query.planItemIds = filter.planItemId.slice(0, 20);
    if (filter.kind) query.kind = filter.kind;
    const records = await this.store.RegionalEvent.find(query)
      .sort({ startsOn: 1, _id: 1 })
      .limit(MAX_EVENTS)
      .lean<RegionalEventRecord[]>();
    return records.map(toRegionalEvent);
  }

  async get(id: string): Promise<RegionalEvent | null> {
    const record = await this.store.RegionalEvent.findById(parseId(id)).lean<RegionalEventRecord>();
    return record ? toRegionalEvent(record) : null;
  }

  async create(input: RegionalEventInput): Promise<RegionalEvent> {
    const created = await this.store.RegionalEvent.create({ ...fieldsOf(input), version: 1 });
    return toRegionalEvent(created.toObject() as RegionalEventRecord);
  }

  async update(id: string, version: number, input: RegionalEventInput): Promise<RegionalEvent> {
    const _id = parseId(id);
    const updated = await this.store.RegionalEvent.findOneAndUpdate(
      { _id, version },
      { $set: fieldsOf(input), $inc: { version: 1 } },
      { new: true },
    ).lean<RegionalEventRecord>();
    if (updated) return toRegionalEvent(updated);
    const current = await this.store.RegionalEvent.findById(_id, { version: 1 }).lean<{ version: number }>();
    if (!current) throw new NotFoundError(`No regional event with id '${id}'.`);
    throw new StaleVersionError(`Regional event '${id}'`, version, current.version);
  }
}
