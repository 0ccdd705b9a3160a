import { ConflictError } from "./conflict.error";

/** Optimistic concurrency: the caller sent the version it read, and the record has moved on since. */
export class StaleVersionError extends ConflictError {
  /** `current` is the record's version now, when known (a conditional update that missed does not say). */
  constructor(record: string, sent: number, current?: number) {
    super(
      `${record} ${current === undefined ? `has changed since version ${sent}` : `is at version ${current}, not ${sent}`}: ` +
        "someone else changed it meanwhile. Read it again and reapply your change.",
    );
    if (current !== undefined) this.extensions.currentVersion = current;
  }
}
