import mongoose, { Model, Types } from "mongoose";
import { Directive, Field, ObjectType } from "type-graphql";
import { BadUserInputError } from "#core";
import { isObjectId, REFERRAL_ID } from "./ids";

export const MAX_PAGE_SIZE = 100;

/** Refuses a page size outside 1..`max`, naming the argument `first`. */
export function assertPageSize(first: number, max: number): void {
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw new BadUserInputError(`must be between 1 and ${max}`, "first");
  }
}

@Directive("@shareable")
@ObjectType()
export class PageInfo {
  @Field(() => String, { nullable: true, description: "Pass as `after` to get the next page" })
  endCursor?: string;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}

export interface Page<T> {
  nodes: T[];
  pageInfo: PageInfo;
}

/** How a collection's `_id` is written into a cursor, and read back (undefined when it is not one). */
export interface IdCodec<Id> {
  toText(id: Id): string;
  fromText(text: string): Id | undefined;
}

export const OBJECT_IDS: IdCodec<Types.ObjectId> = {
  toText: (id) => id.toHexString(),
  fromText: (text) => (isObjectId(text) ? new Types.ObjectId(text) : undefined),
};
export const REFERRAL_IDS: IdCodec<string> = {
  toText: (id) => id,
  fromText: (text) => (REFERRAL_ID.test(text) ? text : undefined),
};
export const SEQUENCE_NUMBERS: IdCodec<number> = {
  toText: (id) => String(id),
  fromText: (text) => (/^\d{1,12}$/.test(text) ? Number(text) : undefined),
};

/**
 * One page of a collection, newest first (descending `_id`), at most MAX_PAGE_SIZE. Cursors are opaque to
 * clients: the last item's id, base64url-encoded; a cursor that is not one is BAD_USER_INPUT on `after`.
 */
export async function newestFirst<R extends { _id: Id }, Id>(
  model: Model<any>,
  filter: Record<string, unknown>,
  first: number,
  after: string | undefined,
  ids: IdCodec<Id>,
): Promise<Page<R>> {
  assertPageSize(first, MAX_PAGE_SIZE);
  const query = { ...filter };
  if (after) {
    const id =
      after.length <= 200 ? ids.fromText(Buffer.from(after, "base64url").toString("utf8")) : undefined;
    if (id === undefined) throw new BadUserInputError("is not a cursor from a previous page", "after");
    query._id = mongoose.trusted({ $lt: id });
  }
  const rows = await model
    .find(query)
    .sort({ _id: -1 })
    .limit(first + 1)
    .lean<R[]>();
  const nodes = rows.slice(0, first);
  const last = nodes.at(-1);
  return {
    nodes,
    pageInfo: {
      hasNextPage: rows.length > first,
      endCursor: last ? Buffer.from(ids.toText(last._id), "utf8").toString("base64url") : undefined,
    },
  };
}
