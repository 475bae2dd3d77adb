import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../support/catalog";

const LOCALES = readdirSync(join(import.meta.dirname, "../../public/_locales"));

// Chrome refuses to load the whole extension over one bad catalog entry ("Variable $X$ used but
// not defined"), so these rules are checked here rather than found in a browser test.
describe.each(LOCALES)("the %s message catalog", (locale) => {
  const catalog = loadCatalog(locale);

  it("uses only key characters Chrome accepts", () => {
    for (const key of Object.keys(catalog)) expect(key).toMatch(/^[A-Za-z0-9_]+$/u);
  });

  it("defines every $PLACEHOLDER$ a message uses, and uses every one it defines", () => {
    for (const [key, entry] of Object.entries(catalog)) {
      const used = new Set(
        [...entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/gu)].map((m) => m[1]?.toLowerCase()),
      );
      const defined = new Set(Object.keys(entry.placeholders ?? {}).map((name) => name.toLowerCase()));
      expect({ key, used: [...used].sort() }).toEqual({ key, used: [...defined].sort() });
    }
  });

  it("has every message of the English catalog, with the same placeholders, and no other", () => {
    const english = loadCatalog("en");
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(english).sort());
    for (const [key, entry] of Object.entries(english)) {
      const names = (e: typeof entry | undefined) => Object.keys(e?.placeholders ?? {}).sort();
      expect({ key, placeholders: names(catalog[key]) }).toEqual({ key, placeholders: names(entry) });
    }
  });

  it("names its own language (catalogLocale), which pages use for <html lang> and Intl", () => {
    expect(catalog.catalogLocale?.message).toBe(locale);
  });

  it("has no empty message", () => {
    for (const [key, entry] of Object.entries(catalog))
      expect({ key, empty: entry.message.trim() === "" }).toEqual({ key, empty: false });
  });
});
