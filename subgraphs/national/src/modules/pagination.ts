import { Field, ObjectType } from "type-graphql";
import { Directive } from "type-graphql";
import { BadUserInputError } from "../../../shared/src/errors";

export const MAX_PAGE_SIZE = 100;

@Directive("@shareable")
@ObjectType()
export class PageInfo {
  @Field(() => String, { nullable: true, description: "Pass as `after` to get the next page" })
  endCursor?: string;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}

export function checkPageSize(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`must be between 1 and ${MAX_PAGE_SIZE}`, "first");
  }
}

/** Cursors are opaque to clients: the last item's id, base64url-encoded. */
export const encodeCursor = (id: string) => Buffer.from(id, "utf8").toString("base64url");

export function decodeCursor(cursor: string, isValidId: (id: string) => boolean): string {
  const id = Buffer.from(cursor, "base64url").toString("utf8");
  if (cursor.length > 200 || !isValidId(id))
    throw new BadUserInputError("is not a cursor from a previous page", "after");
  return id;
}

/** Given `first + 1` rows sorted by id, the page and its PageInfo. */
export function toPage<T>(
  rows: T[],
  first: number,
  idOf: (row: T) => string,
): { nodes: T[]; pageInfo: PageInfo } {
  const nodes = rows.slice(0, first);
  const last = nodes.at(-1);
  return {
    nodes,
    pageInfo: { hasNextPage: rows.length > first, endCursor: last ? encodeCursor(idOf(last)) : undefined },
  };
}
