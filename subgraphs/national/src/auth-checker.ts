import { AuthChecker } from "type-graphql";
import { ACCESS, isPolicyName } from "../../shared/src/auth/access";
import { Context } from "./context.type";

/** The ids a write names in its arguments, for the audit log. */
function recordIdsOf(args: Record<string, unknown>): string[] {
  const input = args.input as Record<string, unknown> | undefined;
  return [args.id, args.referralId, input?.caseId].filter((id): id is string => typeof id === "string");
}

/**
 * `@Authorized("<policy>")` names a policy of the access matrix; the checker enforces it (and audits it)
 * or throws. A write is recorded in the audit log before its resolver runs.
 */
export const authChecker: AuthChecker<Context, string> = async ({ context, args, root }, policies) => {
  for (const policy of policies) {
    if (!isPolicyName(policy)) throw new Error(`Unknown access policy '${policy}'.`);
    if (ACCESS[policy].kind === "write") await context.authorizeWrite(policy, recordIdsOf(args));
    else context.authorize(policy, { recordIds: typeof root?.id === "string" ? [root.id] : [] });
  }
  return true;
};
