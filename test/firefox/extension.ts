import { existsSync } from "node:fs";
import { resolve } from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { GECKO_ID } from "../../wxt.config";
import { findFirefox, NO_FIREFOX_HELP } from "../support/firefox";

/**
 * The built add-on: `npm run test:firefox` builds it first with `--mode development`, the mode
 * whose manifest asks for the loopback hosts the sandbox listens on (wxt.config.ts).
 */
export const FIREFOX_EXTENSION_PATH = resolve(process.env.PSH_OUT_DIR ?? ".output", "firefox-mv3-dev");

/**
 * The internal UUID the test pins for the add-on, so its pages are at a known
 * moz-extension://<uuid>/ origin. Firefox otherwise picks a random one per profile.
 */
export const EXTENSION_UUID = "6f1c2a4e-8d3b-4c5a-9e7f-0123456789ab";

/** The address of one of the add-on's pages, e.g. extensionUrl("popup.html"). */
export function extensionUrl(path: string): string {
  return `moz-extension://${EXTENSION_UUID}/${path}`;
}

/**
 * Preferences of the throwaway profile, on top of puppeteer's own (which turn off updates,
 * telemetry and first-run pages).
 * - extensions.webextensions.uuids: pins the add-on's UUID (a JSON map, gecko id -> UUID), read
 *   when the add-on starts.
 * - extensions.originControls.grantByDefault: in MV3 Firefox treats host_permissions as optional
 *   ("origin controls", revocable in about:addons); it grants them at install only while this is
 *   true (Extension.sys.mjs, manifestOptionalPermissions). Firefox 153 ships it true; with it
 *   false the add-on installs with no host at all and every send fails. Pinned, so a changed
 *   default shows up as this test's explicit permission check, not as a network error.
 * - intl.locale.requested: the add-on's messages follow the browser's language; the test reads
 *   English text.
 */
const FIREFOX_PREFS = {
  "extensions.webextensions.uuids": JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
  "extensions.originControls.grantByDefault": true,
  "intl.locale.requested": "en-US",
};

/** Launches Firefox headless in a fresh profile (puppeteer removes it on close), over WebDriver BiDi. */
export async function launchFirefox(): Promise<Browser> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(NO_FIREFOX_HELP);
  return puppeteer.launch({
    browser: "firefox",
    executablePath,
    headless: true,
    extraPrefsFirefox: FIREFOX_PREFS,
  });
}

/** Installs the built add-on as a temporary add-on (BiDi webExtension.install) and returns its id. */
export async function installBuiltExtension(browser: Browser): Promise<string> {
  if (!existsSync(resolve(FIREFOX_EXTENSION_PATH, "manifest.json"))) {
    throw new Error(
      `No Firefox build in ${FIREFOX_EXTENSION_PATH}. Run npm run test:firefox, which builds it first.`,
    );
  }
  return browser.installExtension(FIREFOX_EXTENSION_PATH);
}

/** Where a tab really is. Puppeteer's page.url() stays "about:blank" for a moz-extension page. */
export async function locationOf(page: Page): Promise<string> {
  try {
    return await page.evaluate(() => location.href);
  } catch {
    return "";
  }
}

/**
 * Waits for a tab that shows the given extension page. BiDi does not report navigation to
 * moz-extension:// pages (puppeteer keeps their URL at about:blank), so each tab is asked.
 */
export async function waitForExtensionTab(browser: Browser, url: string, timeoutMs = 10_000): Promise<Page> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const page of await browser.pages()) {
      if ((await locationOf(page)) === url) return page;
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`No tab showed ${url} within ${timeoutMs} ms.`);
}

/**
 * Moves a tab that already shows one of the add-on's pages to another of its pages. BiDi refuses
 * browsingContext.navigate to moz-extension:// ("not allowed in this context"), but the page may
 * navigate itself within its own origin.
 */
export async function openInSameTab(page: Page, url: string): Promise<void> {
  await page.evaluate((target) => {
    location.assign(target);
  }, url);
  await page.waitForFunction(
    (target) => location.href === target && document.readyState === "complete",
    {},
    url,
  );
}
