/** Writes to the country's contact points, each guarded by the record's version. */

import { Types } from "mongoose";
import { NotFoundError, StaleVersionError } from "#core";
import { Store } from "../../store";
import { parseObjectId } from "../ids";
import { ContactPointInput } from "./contact-point.input";
import { ContactPointRecord, toContactPoint } from "./contact-point.model";
import { ContactPoint } from "./contact-point.type";

const objectId = (id: string) => parseObjectId(id, "id");

/** Plain fields only: the input class instance is copied so nothing but declared fields reaches the store. */
function fieldsOf(input: ContactPointInput) {
  return {
    organisation: input.organisation,
    unit: input.unit ?? null,
    email: input.email,
    phone: input.phone,
    languages: input.languages,
    address: input.address,
    workingHours: input.workingHours,
    competences: input.competences,
    person: input.person ?? null,
    directPhone: input.directPhone ?? null,
    hotline24h: input.hotline24h ?? null,
    secureChannel: input.secureChannel ?? null,
  };
}

export async function addContactPoint(store: Store, input: ContactPointInput): Promise<ContactPoint> {
  const created = await store.ContactPoint.create({ ...fieldsOf(input), version: 1 });
  store.contactPoints.invalidate();
  return toContactPoint(created.toObject() as ContactPointRecord);
}

export async function updateContactPoint(
  store: Store,
  id: string,
  version: number,
  input: ContactPointInput,
): Promise<ContactPoint> {
  const _id = objectId(id);
  const updated = await store.ContactPoint.findOneAndUpdate(
    { _id, version },
    { $set: fieldsOf(input), $inc: { version: 1 } },
    { new: true },
  ).lean<ContactPointRecord>();
  store.contactPoints.invalidate();
  if (!updated) await explainMiss(store, _id, version);
  return toContactPoint(updated!);
}

export async function removeContactPoint(store: Store, id: string, version: number): Promise<string> {
  const _id = objectId(id);
  const { deletedCount } = await store.ContactPoint.deleteOne({ _id, version });
  store.contactPoints.invalidate();
  if (deletedCount === 0) await explainMiss(store, _id, version);
  return id;
}

async function explainMiss(store: Store, _id: Types.ObjectId, version: number): Promise<never> {
  const current = await store.ContactPoint.findById(_id, { version: 1 }).lean<{ version: number }>();
  if (!current) throw new NotFoundError(`No contact point with id '${_id.toHexString()}'.`);
  throw new StaleVersionError(`Contact point '${_id.toHexString()}'`, version, current.version);
}
