import { beforeEach, describe, expect, it } from "vitest";
import { browser } from "wxt/browser";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { openWelcomeOnInstall } from "./first-install";

const WELCOME_URL = "chrome-extension://test/options.html?welcome";

/** Wired as the background's index.ts wires it, on fakeBrowser's runtime.onInstalled and tabs. */
function wireWelcome(): void {
  const deps = { openTab: (url: string) => browser.tabs.create({ url }), welcomeUrl: WELCOME_URL };
  browser.runtime.onInstalled.addListener((details) => void openWelcomeOnInstall(deps, details));
}

/** The tabs opened since the test began (fakeBrowser starts with one blank tab). */
async function newTabUrls(): Promise<(string | undefined)[]> {
  return (await browser.tabs.query({})).filter((tab) => tab.url !== undefined).map((tab) => tab.url);
}

describe("the first install", () => {
  beforeEach(() => fakeBrowser.reset());

  it("opens the options page with its welcome", async () => {
    wireWelcome();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: "install", temporary: false });
    expect(await newTabUrls()).toEqual([WELCOME_URL]);
  });

  it.each(["update", "browser_update"] as const)(
    "but an %s opens nothing: a working desk stays undisturbed",
    async (reason) => {
      wireWelcome();
      await fakeBrowser.runtime.onInstalled.trigger({ reason, previousVersion: "0.2.0", temporary: false });
      expect(await newTabUrls()).toEqual([]);
    },
  );
});
