import { Connection } from "mongoose";
import { LoaderSources, ModuleParts } from "../../context.type";
import { byIds } from "../by-ids";
import { ResponseRecord, responseSchema } from "./response.model";

const models = (connection: Connection) => ({ Response: connection.model("Response", responseSchema) });

const loaders = ({ store }: LoaderSources) => ({
  responses: byIds<ResponseRecord>(
    store.Response,
    (id) => id,
    (r) => r._id,
  ),
});

declare module "../../store" {
  interface StoreParts extends ReturnType<typeof models> {}
}
declare module "../../context.type" {
  interface Loaders extends ReturnType<typeof loaders> {}
}

/** The receiver's responses to referrals. */
export const responseParts = { store: models, loaders } satisfies ModuleParts;
