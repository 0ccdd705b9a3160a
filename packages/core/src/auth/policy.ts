import { MiddlewareFn, UseMiddleware } from "type-graphql";
import { ACCESS, PolicyName } from "./access";
import type { RequestAccess } from "./request-access";
import { timeLeft } from "../deadline";

type Records = (args: Record<string, any>, root: any) => ReadonlyArray<string | undefined>;

/**
 * The one way a root field, mutation or protected field declares who may call it: `@Policy("<policy>")`
 * names a policy of the access matrix (`access.ts`), and `records` names the records the call touches, for
 * the audit log (by default the object's own id). The policy is checked before the resolver runs; a write
 * is recorded in the audit log before it happens. Nothing starts once the caller has stopped waiting
 * (DEADLINE_EXCEEDED, `deadline.ts`). Checks that need a loaded record (the parties of a
 * referral) are made after loading it, by the service or field resolver.
 */
export function Policy(policy: PolicyName, records?: Records) {
  const check: MiddlewareFn<RequestAccess> = async ({ args, root, context }, next) => {
    timeLeft(context.deadline);
    const named = records ? records(args, root) : [typeof root?.id === "string" ? root.id : undefined];
    const recordIds = named.filter((id): id is string => typeof id === "string");
    if (ACCESS[policy].kind === "write") await context.authorizeWrite(policy, recordIds);
    else context.authorize(policy, { recordIds });
    return next();
  };
  return UseMiddleware(check);
}
