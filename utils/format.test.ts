import { describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { formatCatalogMessage, loadCatalog } from "../test/support/catalog";
import { formatNumber, formatTimeAgo, languageName } from "./format";

/** Shows the Norwegian catalog while the browser's own UI language stays en-US. */
function useNorwegianCatalog() {
  const norwegian = loadCatalog("nb");
  fakeBrowser.i18n.getMessage = (key: string, substitutions?: string | string[]) =>
    formatCatalogMessage(norwegian, key, substitutions);
  fakeBrowser.i18n.getUILanguage = () => "en-US";
}

describe("formatting in the catalog's language", () => {
  it("formats numbers, language names and time ago in English", () => {
    expect(formatNumber(5000)).toBe("5,000");
    expect(languageName("no")).toBe("Norwegian");
    const now = Date.UTC(2026, 11, 1, 12);
    expect(formatTimeAgo(now - 20_000, now)).toBe("just now");
    expect(formatTimeAgo(now - 120_000, now)).toBe("2 minutes ago");
    expect(formatTimeAgo(now - 3 * 3_600_000, now)).toBe("3 hours ago");
  });

  it("follows the Norwegian catalog even when the browser says en-US", () => {
    useNorwegianCatalog();
    expect(formatNumber(5000)).toBe("5\u00a0000");
    expect(languageName("no")).toBe("norsk");
    const now = Date.UTC(2026, 11, 1, 12);
    expect(formatTimeAgo(now - 120_000, now)).toBe("for 2 minutter siden");
  });
});
