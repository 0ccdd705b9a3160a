import { AuthChecker } from "type-graphql";
import { isPolicyName } from "../../shared/src/auth/access";
import { Context } from "./context.type";

/** `@Authorized("<policy>")` names a policy of the access matrix; the checker enforces it or throws. */
export const authChecker: AuthChecker<Context, string> = ({ context }, policies) => {
  for (const policy of policies) {
    if (!isPolicyName(policy)) throw new Error(`Unknown access policy '${policy}'.`);
    context.authorize(policy);
  }
  return true;
};
