import DataLoader from "dataloader";
import { Connection } from "mongoose";
import { LoaderSources, ModuleParts } from "../../context.type";
import { StoreOptions } from "../../store";
import { ContactPointCache } from "./contact-point-cache";
import { ContactPointRecord, contactPointSchema, toContactPoint } from "./contact-point.model";
import { ContactPoint } from "./contact-point.type";

const models = (connection: Connection, options: StoreOptions) => ({
  ContactPoint: connection.model("ContactPoint", contactPointSchema),
  contactPoints: new ContactPointCache(options.contactPointsCacheMs ?? 0),
});

const loaders = ({ store }: LoaderSources) => ({
  /** The contact points of this country, keyed by country code (one store, so one query per request). */
  contactPointsByCountry: new DataLoader<string, ContactPoint[]>(async (codes) => {
    const docs = await store.contactPoints.get(() =>
      store.ContactPoint.find()
        .sort({ organisation: 1, unit: 1, _id: 1 })
        .lean<ContactPointRecord[]>()
        .exec(),
    );
    const contactPoints = docs.map(toContactPoint);
    return codes.map(() => contactPoints);
  }),
});

declare module "../../store" {
  interface StoreParts extends ReturnType<typeof models> {}
}
declare module "../../context.type" {
  interface Loaders extends ReturnType<typeof loaders> {}
}

/** The country's NCP offices, and the cache that spares the directory a store round trip per read. */
export const contactPointParts = { store: models, loaders } satisfies ModuleParts;
