import { describe, expect, it, vi } from "vitest";
import { browser } from "wxt/browser";
import {
  EMPTY_SETTINGS,
  migrateSettings,
  normalizeSettings,
  readSettings,
  SETTINGS_VERSION,
} from "./settings";
import { settingsItem } from "./settings-item";

const connection = {
  environment: "staging",
  baseUrl: "https://api.mpc.dev.placewise.com",
  productName: "default",
  clubSlug: "infinity-mall",
  customerId: "",
  rememberToken: true,
  hasToken: true,
} as const;

describe("normalizeSettings", () => {
  it.each([
    ["nothing stored", undefined],
    ["null", null],
    ["a string", "oops"],
    ["an array", [connection]],
    ["no connection", { connection: null }],
    ["an unknown environment", { connection: { ...connection, environment: "moon" } }],
    ["a missing base URL", { connection: { ...connection, baseUrl: undefined } }],
    ["an empty club", { connection: { ...connection, clubSlug: "" } }],
  ])("reads %s as not configured", (_name, raw) => {
    expect(normalizeSettings(raw)).toEqual(EMPTY_SETTINGS);
  });

  it("fills fields an older write left out with safe defaults", () => {
    const raw = {
      connection: { environment: "production", baseUrl: "https://api.mpc.placewise.com", clubSlug: "c" },
    };
    expect(normalizeSettings(raw)).toEqual({
      connection: {
        environment: "production",
        baseUrl: "https://api.mpc.placewise.com",
        productName: "default",
        clubSlug: "c",
        customerId: "",
        rememberToken: true,
        hasToken: false,
      },
    });
  });

  it("drops fields it does not know, such as a token someone put there by hand", () => {
    const normalized = normalizeSettings({ connection: { ...connection, token: "leak" } });
    expect(normalized.connection).toEqual(connection);
    expect(JSON.stringify(normalized)).not.toContain("leak");
  });
});

describe("migrateSettings", () => {
  it("returns a current value as it is", () => {
    expect(migrateSettings({ connection }, SETTINGS_VERSION)).toEqual({ connection });
  });
});

describe("readSettings (pages) and settingsItem (background)", () => {
  it("read the same stored value, never from storage.sync", async () => {
    await settingsItem.setValue({ connection });
    expect(await readSettings()).toEqual({ connection });
    expect(await browser.storage.local.get("settings")).toEqual({ settings: { connection } });
    expect(await browser.storage.sync.get(null)).toEqual({});
  });

  it("record the schema version beside the value", async () => {
    // A fresh module: the storage library writes the version on an item's first write.
    vi.resetModules();
    const fresh = await import("./settings-item");
    await fresh.settingsItem.setValue({ connection });
    expect(await browser.storage.local.get("settings$")).toEqual({ settings$: { v: SETTINGS_VERSION } });
  });

  it("read a raw value written by hand", async () => {
    await browser.storage.local.set({ settings: { connection: { ...connection, hasToken: "yes" } } });
    expect((await readSettings()).connection?.hasToken).toBe(false);
  });
});
