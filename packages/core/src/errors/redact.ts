import { GraphQLFormattedError } from "graphql";

/** A suggestion GraphQL.js appends to a message ("Did you mean "cases"?"), which maps the schema. */
const SUGGESTION = /\s*Did you mean [^?]*\?\s*$/;

/**
 * What an error tells the caller, whichever service answers. Never the internal name of the subgraph that
 * raised it (a country is named in `extensions.country` where that matters). In production, never a
 * suggestion of other names of the schema, and an unexpected error says only that it happened: no message
 * from a library or from data.
 */
export function redactError(error: GraphQLFormattedError, production: boolean): GraphQLFormattedError {
  const { serviceName: _serviceName, ...extensions } = error.extensions ?? {};
  if (production && extensions.code === "INTERNAL_SERVER_ERROR") {
    return {
      message: "Internal server error",
      path: error.path,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  }
  const message = production ? error.message.replace(SUGGESTION, "") : error.message;
  return { ...error, message, extensions };
}
