import { Types } from "mongoose";
import { BadUserInputError } from "./errors";

const OBJECT_ID = /^[0-9a-f]{24}$/i;

export const isObjectId = (id: string) => OBJECT_ID.test(id);

/** Parses a store id from client input, or answers BAD_USER_INPUT naming the field. */
export function parseObjectId(id: string, field: string): Types.ObjectId {
  if (!isObjectId(id)) throw new BadUserInputError(`'${id.slice(0, 40)}' is not a valid id`, field);
  return new Types.ObjectId(id);
}
