import { checkPartsMake, PartsMake } from "#core";
import { Loaders, ModuleParts } from "./context.type";
import { caseParts } from "./modules/case/case.parts";
import { contactPointParts } from "./modules/contact-point/contact-point.parts";
import { counterpartParts } from "./modules/counterpart/counterpart.parts";
import { messageParts } from "./modules/message/message.parts";
import { networkParts } from "./modules/network/network.parts";
import { notificationParts } from "./modules/notification/notification.parts";
import { referralParts } from "./modules/referral/referral.parts";
import { responseParts } from "./modules/response/response.parts";
import { returnEventParts } from "./modules/return-event/return-event.parts";
import { statisticsParts } from "./modules/statistics/statistics.parts";
import { createStore, openStore, Store, StoreOptions, StoreParts } from "./store";

/**
 * The modules' parts of the country's store and of each request (`<module>.parts.ts`), assembled. Their
 * resolvers are assembled in `schema.ts`.
 */
const PARTS = [
  contactPointParts,
  caseParts,
  referralParts,
  responseParts,
  returnEventParts,
  messageParts,
  counterpartParts,
  statisticsParts,
  networkParts,
  notificationParts,
] as const;

// Every model, cache and loader a module declares (by declaration merging) is made by a module listed here.
checkPartsMake<StoreParts, PartsMake<typeof PARTS, "store">>();
checkPartsMake<Loaders, PartsMake<typeof PARTS, "loaders">>();

export const MODULE_PARTS: readonly ModuleParts[] = PARTS;

/** One country's store with every module's models, as the subgraph opens it. */
export const createCountryStore = (uri: string, label: string, options?: StoreOptions): Store =>
  createStore(uri, label, MODULE_PARTS, options);

/** One country's store for a script or test: ready, or an error after `timeoutMs`. */
export const openCountryStore = (uri: string, label?: string, timeoutMs?: number): Promise<Store> =>
  openStore(uri, MODULE_PARTS, label, timeoutMs);
