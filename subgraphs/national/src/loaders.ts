import DataLoader from "dataloader";
import { ContactPointRecord, toContactPoint } from "./modules/contact-point/contact-point.model";
import { ContactPoint } from "./modules/contact-point/contact-point.type";
import { Store } from "./store";

export interface Loaders {
  /** The contact points of this country, keyed by country code (one store, so one query per request). */
  contactPointsByCountry: DataLoader<string, ContactPoint[]>;
}

export function createLoaders(store: Store): Loaders {
  return {
    contactPointsByCountry: new DataLoader(async (codes) => {
      const docs = await store.ContactPoint.find()
        .sort({ organisation: 1, _id: 1 })
        .lean<ContactPointRecord[]>();
      const contactPoints = docs.map(toContactPoint);
      return codes.map(() => contactPoints);
    }),
  };
}
