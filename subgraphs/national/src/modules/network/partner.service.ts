/** The country's partners: a search by service and language, and writes guarded by each record's version. */

import ISO6391 from "iso-639-1";
import mongoose, { Types } from "mongoose";
import { BadUserInputError, NotFoundError, StaleVersionError } from "#core";
import { Store } from "../../store";
import { parseObjectId } from "../ids";
import { assertPageSize } from "../pagination";
import { PartnerService as Service } from "./partner.enums";
import { PartnerInput } from "./partner.input";
import { PartnerRecord, toPartner } from "./partner.model";
import { Partner } from "./partner.type";

export const MAX_PARTNERS_PER_PAGE = 200;

/** Plain fields only: the input class instance is copied so nothing but declared fields reaches the store. */
function fieldsOf(input: PartnerInput) {
  return {
    name: input.name,
    kind: input.kind,
    services: input.services,
    languages: input.languages,
    regions: input.regions,
    description: input.description ?? null,
    website: input.website ?? null,
    email: input.email,
    phone: input.phone ?? null,
    contactPerson: input.contactPerson ?? null,
    directPhone: input.directPhone ?? null,
    directEmail: input.directEmail ?? null,
  };
}

export interface PartnerFilter {
  service?: Service;
  language?: string;
}

export async function searchPartners(store: Store, filter: PartnerFilter, first: number): Promise<Partner[]> {
  assertPageSize(first, MAX_PARTNERS_PER_PAGE);
  const query: Record<string, string> = {};
  if (filter.service) query.services = filter.service;
  if (filter.language != null) {
    // Languages are stored as ISO 639-1 codes in lower case.
    const code = filter.language.trim().toLowerCase();
    if (!ISO6391.validate(code)) {
      throw new BadUserInputError(
        `'${filter.language.slice(0, 20)}' is not an ISO 639-1 language code (e.g. en, ru, lt)`,
        "language",
      );
    }
    query.languages = code;
  }
  const records = await store.Partner.find(query)
    .sort({ name: 1, _id: 1 })
    .limit(first)
    .lean<PartnerRecord[]>();
  return records.map(toPartner);
}

/**
 * At most a working group's members, sorted here as the store sorts the search (by name, then id, in
 * byte order), because DocumentDB cannot sort a find on `_id: {$in: [one id]}`.
 */
export async function partnersByIds(store: Store, ids: readonly Types.ObjectId[]): Promise<Partner[]> {
  if (!ids.length) return [];
  const records = await store.Partner.find({ _id: mongoose.trusted({ $in: ids }) }).lean<PartnerRecord[]>();
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return records.map(toPartner).sort((a, b) => order(a.name, b.name) || order(a.id, b.id));
}

export async function addPartner(store: Store, input: PartnerInput): Promise<Partner> {
  const created = await store.Partner.create({ ...fieldsOf(input), version: 1 });
  return toPartner(created.toObject() as PartnerRecord);
}

export async function updatePartner(
  store: Store,
  id: string,
  version: number,
  input: PartnerInput,
): Promise<Partner> {
  const _id = parseObjectId(id, "id");
  const updated = await store.Partner.findOneAndUpdate(
    { _id, version },
    { $set: fieldsOf(input), $inc: { version: 1 } },
    { new: true },
  ).lean<PartnerRecord>();
  if (!updated) await explainMiss(store, _id, version);
  return toPartner(updated!);
}

/** Removes a partner, then its seat in the national working group (a refused removal changes neither). */
export async function removePartner(store: Store, id: string, version: number): Promise<string> {
  const _id = parseObjectId(id, "id");
  const { deletedCount } = await store.Partner.deleteOne({ _id, version });
  if (deletedCount === 0) await explainMiss(store, _id, version);
  await store.WorkingGroup.updateMany(
    { memberIds: _id },
    { $pull: { memberIds: _id }, $inc: { version: 1 } },
  );
  return id;
}

async function explainMiss(store: Store, _id: Types.ObjectId, version: number): Promise<never> {
  const current = await store.Partner.findById(_id, { version: 1 }).lean<{ version: number }>();
  if (!current) throw new NotFoundError(`No partner with id '${_id.toHexString()}'.`);
  throw new StaleVersionError(`Partner '${_id.toHexString()}'`, version, current.version);
}
