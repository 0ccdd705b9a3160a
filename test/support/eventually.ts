/**
 * Polls until `found` returns something other than undefined, for at most `timeoutMs`: a bound against
 * waiting for ever on what happens in the background (a doorbell's delivery), not an expectation of speed.
 */
export async function eventually<T>(
  what: string,
  found: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await found();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Still waiting for ${what} after ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
