export { BadUserInputError } from "./bad-user-input.error";
export { ConflictError } from "./conflict.error";
export { ForbiddenError } from "./forbidden.error";
export { NotFoundError } from "./not-found.error";
export { RateLimitedError } from "./rate-limited.error";
export { StaleVersionError } from "./stale-version.error";
export { StoreUnavailableError } from "./store-unavailable.error";
export { UnauthenticatedError } from "./unauthenticated.error";
