import { releaseFederation } from "./federation-pool";

/** After the last suite: the running federation stops and its data folder goes. */
export default async function globalTeardown(): Promise<void> {
  await releaseFederation();
}
