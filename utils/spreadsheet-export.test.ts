import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { formatCatalogMessage, loadCatalog } from "../test/support/catalog";
import { buildCsv, csvDelimiter } from "./spreadsheet-export";

/** Shows a catalog while the browser's own UI language stays en-US. */
function useCatalog(language: "nb" | "sv" | "da" | "en") {
  const catalog = loadCatalog(language);
  fakeBrowser.i18n.getMessage = (key: string, substitutions?: string | string[]) =>
    formatCatalogMessage(catalog, key, substitutions);
  fakeBrowser.i18n.getUILanguage = () => "en-US";
}

describe("CSV export", () => {
  it.each([
    ["=HYPERLINK(1)", "'=HYPERLINK(1)"],
    ["+47", "'+47"],
    ["-x@example.no", "'-x@example.no"],
    ["@x", "'@x"],
    ["\tx", "'\tx"],
    ["\rx", "'\rx"],
    // papaparse's own `escapeFormulae: true` misses these: its pattern stops at a line break.
    ["=1+1\nx", "'=1+1\nx"],
    ["\r\nx", "'\r\nx"],
    ["anna@example.no", "anna@example.no"],
    ["x=1", "x=1"],
  ])("makes a formula cell inert: %j", async (cell, safe) => {
    const csv = await buildCsv(["Recipient"], [[cell]], ",");
    const [, row] = Papa.parse<string[]>(csv.slice(1)).data;
    expect(row).toEqual([safe]);
  });

  it("writes numbers as numbers, even negative ones", async () => {
    const csv = await buildCsv(["A", "B"], [[-5, 200]], ",");
    expect(csv).toBe("\uFEFFA,B\r\n-5,200");
  });

  it.each([
    ["en", ","],
    ["nb", ";"],
    ["sv", ";"],
    ["da", ";"],
  ] as const)(
    "uses the separator a %s spreadsheet expects, whatever the browser's language",
    async (language, separator) => {
      useCatalog(language);
      expect(csvDelimiter()).toBe(separator);
      const csv = await buildCsv(["Time", "Club"], [["2026-11-27T14:03:12+01:00", "bjørn;club"]]);
      expect(csv.startsWith("\uFEFF")).toBe(true);
      expect(csv.split("\r\n")[0]).toBe(`\uFEFFTime${separator}Club`);
      // A cell holding the separator is quoted, so it stays one cell.
      expect(Papa.parse<string[]>(csv.slice(1), { delimiter: separator }).data[1]).toEqual([
        "2026-11-27T14:03:12+01:00",
        "bjørn;club",
      ]);
    },
  );

  it("reads regional locales by their language", () => {
    expect(csvDelimiter("nb-NO")).toBe(";");
    expect(csvDelimiter("sv_SE")).toBe(";");
    expect(csvDelimiter("en-GB")).toBe(",");
  });
});
