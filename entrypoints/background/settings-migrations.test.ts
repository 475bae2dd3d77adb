import { describe, expect, it, vi } from "vitest";
import { browser } from "wxt/browser";
import { activeConnection, DEFAULT_PREFERENCES, EMPTY_SETTINGS, SETTINGS_VERSION } from "@/utils/settings";
import { normalizeSettings } from "@/utils/settings-normalize";
import { testConnection, testSettings } from "../../test/support/connections";
import { settingsItem } from "./settings-item";
import { MIGRATED_CONNECTION_ID, migrateSettings, type StoredSettingsV1 } from "./settings-migrations";

const settings = testSettings([testConnection({ customerId: "" })]);

const v1: StoredSettingsV1 = {
  connection: {
    environment: "production",
    baseUrl: "https://api.mpc.placewise.com",
    productName: "kiosk",
    clubSlug: "harbour-centre",
    customerId: "447",
    rememberToken: false,
    hasToken: true,
  },
};

describe("the v1 -> v2 migration", () => {
  it("turns the one v1 connection into the active connection, with its token's id", () => {
    const migrated = migrateSettings(v1, 1);
    expect(migrated).toEqual({
      connections: [
        {
          id: MIGRATED_CONNECTION_ID,
          label: "harbour-centre",
          environment: "production",
          baseUrl: "https://api.mpc.placewise.com",
          productName: "kiosk",
          clubSlug: "harbour-centre",
          customerId: "447",
          rememberToken: false,
          hasToken: true,
          language: "",
          loginUrl: "",
          memberIdentifiers: [],
          country: "",
        },
      ],
      activeConnectionId: MIGRATED_CONNECTION_ID,
      preferences: DEFAULT_PREFERENCES,
    });
  });

  it.each([
    ["a v1 value without a connection", { connection: null }],
    ["no value at all", undefined],
  ])("turns %s into empty settings", (_name, raw) => {
    expect(migrateSettings(raw, 1)).toEqual(EMPTY_SETTINGS);
  });

  it("leaves a current value as it is", () => {
    expect(migrateSettings(settings, SETTINGS_VERSION)).toEqual(settings);
  });

  it("runs for the background's storage item from a raw v1 value in storage", async () => {
    await browser.storage.local.set({ settings: v1 });
    vi.resetModules();
    const fresh = await import("./settings-item");
    expect(activeConnection(normalizeSettings(await fresh.settingsItem.getValue()))?.clubSlug).toBe(
      "harbour-centre",
    );
    expect(await browser.storage.local.get("settings$")).toEqual({ settings$: { v: SETTINGS_VERSION } });
  });
});

describe("the background's settings item", () => {
  it("writes what pages read, never to storage.sync", async () => {
    await settingsItem.setValue(settings);
    expect((await browser.storage.local.get("settings")).settings).toEqual(settings);
    expect(await browser.storage.sync.get(null)).toEqual({});
  });

  it("record the schema version beside the value", async () => {
    // A fresh module: the storage library writes the version on an item's first write.
    vi.resetModules();
    const fresh = await import("./settings-item");
    await fresh.settingsItem.setValue(settings);
    expect(await browser.storage.local.get("settings$")).toEqual({ settings$: { v: SETTINGS_VERSION } });
  });
});

describe("the v2 -> v3 migration", () => {
  const v2 = {
    ...settings,
    preferences: {
      precheck: false,
      lastChannel: "msisdn",
      historyEnabled: false,
      historyRetentionDays: 30,
      historyMaxEntries: 800,
      recentSendMinutes: 5,
      toolbarOpensSidePanel: false,
    },
  };

  it("renames the history* preferences to sendLog*, keeping the stored values", () => {
    expect(migrateSettings(v2, 2).preferences).toEqual({
      precheck: false,
      lastChannel: "msisdn",
      lastChannelByConnection: {},
      sendLogEnabled: false,
      sendLogRetentionDays: 30,
      sendLogMaxEntries: 800,
      recentSendMinutes: 5,
      toolbarOpensSidePanel: false,
    });
  });

  it("keeps a v1 value's connection through both migrations", () => {
    expect(migrateSettings(v1, 1).activeConnectionId).toBe(MIGRATED_CONNECTION_ID);
  });

  it("runs for the background's storage item from a raw v2 value in storage", async () => {
    await browser.storage.local.set({ settings: v2, settings$: { v: 2 } });
    vi.resetModules();
    const fresh = await import("./settings-item");
    const stored = (await fresh.settingsItem.getValue()) as unknown as {
      preferences: Record<string, unknown>;
    };
    expect(stored.preferences).toMatchObject({
      sendLogEnabled: false,
      sendLogRetentionDays: 30,
      sendLogMaxEntries: 800,
    });
    expect(stored.preferences).not.toHaveProperty("historyEnabled");
    expect(await browser.storage.local.get("settings$")).toEqual({ settings$: { v: 3 } });
  });
});
