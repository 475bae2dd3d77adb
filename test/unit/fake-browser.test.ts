import { describe, expect, it } from "vitest";
import { browser } from "wxt/browser";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { t } from "@/utils/i18n";

// The polyfill module rewrites `wxt/browser`; this proves the tests still get WXT's fake, so no
// test below talks to a half-real browser object (the polyfill has failed under Vitest before).
describe("the test browser", () => {
  it("is WXT's fakeBrowser while the webextension-polyfill module is on", async () => {
    expect(browser).toBe(fakeBrowser);
    await browser.storage.local.set({ probe: 1 });
    expect(await fakeBrowser.storage.local.get("probe")).toEqual({ probe: 1 });
  });

  it("starts every test with empty storage", async () => {
    expect(await browser.storage.local.get(null)).toEqual({});
  });

  it("answers i18n from the English catalog, with placeholders filled", () => {
    expect(t("outcome_accepted", "anna@example.no")).toBe(
      "Placewise accepted the request to send a registration message to anna@example.no.",
    );
  });
});
