import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { Browser, chromium, Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../scripts/demo/demo-users";
import { ROOT_DIR } from "#core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOTS = join(ROOT_DIR, ".test-data", "screenshots");

/** Debian's Chromium, headless, with no network of its own beyond this machine. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Signs in as a person does: chooses the identity provider on the page's sign-in bar, then types the user
 * name and password on that provider's own sign-in page. Waits until the page says who is signed in,
 * unless `expectSignedIn` is false (a refused sign-in stays at the provider).
 */
export async function signIn(
  page: Page,
  provider: string,
  username: string,
  { password = DEMO_PASSWORD, expectSignedIn = true } = {},
): Promise<void> {
  await page.selectOption("#provider", provider);
  await page.click("#signin button[type=submit]");
  await page.getByLabel("User name").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (expectSignedIn) await page.waitForSelector("#signed-in");
}
