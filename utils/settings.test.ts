import { describe, expect, it, vi } from "vitest";
import { browser } from "wxt/browser";
import { settingsItem } from "@/entrypoints/background/settings-item";
import { testConnection, testSettings } from "../test/support/connections";
import { NO_POLICY } from "./policy";
import {
  activeConnection,
  type Connection,
  DEFAULT_PREFERENCES,
  EMPTY_SETTINGS,
  readSettings,
  readSettingsReport,
  SETTINGS_VERSION,
  watchSettings,
} from "./settings";
import { normalizeSettings } from "./settings-normalize";

const connection: Connection = testConnection({ customerId: "" });
const settings = testSettings([connection]);

describe("normalizeSettings", () => {
  it.each([
    ["nothing stored", undefined],
    ["null", null],
    ["a string", "oops"],
    ["an array", [connection]],
    ["no connections", { connections: [] }],
  ])("reads %s as not configured", (_name, raw) => {
    expect(normalizeSettings(raw)).toEqual(EMPTY_SETTINGS);
  });

  it.each([
    ["an unknown environment", { environment: "moon" }],
    ["a missing custom base URL", { environment: "custom", baseUrl: undefined }],
    ["an empty club", { clubSlug: "" }],
    ["no id", { id: "" }],
  ])("drops a connection with %s", (_name, change) => {
    const raw = {
      ...settings,
      connections: [
        { ...connection, ...change },
        { ...connection, id: "c-2" },
      ],
    };
    expect(normalizeSettings(raw).connections.map((c) => c.id)).toEqual(["c-2"]);
  });

  it("fills fields an older write left out with safe defaults", () => {
    const raw = {
      connections: [
        { id: "x", environment: "production", baseUrl: "https://api.mpc.placewise.com", clubSlug: "c" },
      ],
    };
    expect(normalizeSettings(raw)).toEqual({
      connections: [
        {
          id: "x",
          label: "c",
          environment: "production",
          baseUrl: "https://api.mpc.placewise.com",
          productName: "default",
          clubSlug: "c",
          customerId: "",
          rememberToken: true,
          hasToken: false,
          language: "",
          loginUrl: "",
          memberIdentifiers: [],
          country: "",
        },
      ],
      activeConnectionId: "x",
      preferences: DEFAULT_PREFERENCES,
    });
  });

  it("drops fields it does not know, such as a token someone put there by hand", () => {
    const normalized = normalizeSettings({ ...settings, connections: [{ ...connection, token: "leak" }] });
    expect(normalized.connections).toEqual([connection]);
    expect(JSON.stringify(normalized)).not.toContain("leak");
  });

  it("falls back to the first connection when the active id names none", () => {
    expect(normalizeSettings({ ...settings, activeConnectionId: "gone" }).activeConnectionId).toBe("c-1");
  });

  it("keeps one connection per id", () => {
    expect(
      normalizeSettings({ ...settings, connections: [connection, { ...connection, label: "Copy" }] })
        .connections,
    ).toEqual([connection]);
  });

  it.each([
    ["sendLogMaxEntries", 5],
    ["sendLogMaxEntries", 1.5],
    ["sendLogRetentionDays", -1],
    ["recentSendMinutes", "10"],
    ["precheck", "yes"],
    ["lastChannel", "fax"],
    ["lastChannelByConnection", "email"],
    ["lastChannelByConnection", ["email"]],
  ])("replaces a bad preference %s=%j with its default", (key, value) => {
    const normalized = normalizeSettings({
      ...settings,
      preferences: { ...DEFAULT_PREFERENCES, [key]: value },
    });
    expect(normalized.preferences).toEqual(DEFAULT_PREFERENCES);
  });

  it("keeps the channel remembered per connection, and drops what is not a channel", () => {
    const normalized = normalizeSettings({
      ...settings,
      preferences: {
        ...DEFAULT_PREFERENCES,
        lastChannelByConnection: { "c-1": "msisdn", "c-2": "fax", "c-3": 1 },
      },
    });
    expect(normalized.preferences.lastChannelByConnection).toEqual({ "c-1": "msisdn" });
  });
});

describe("corrupt stored values, read from raw storage", () => {
  // What a hand edit, a broken older build or another extension's bug could leave behind.
  async function storeRaw(connections: unknown[]) {
    await browser.storage.local.set({ settings: { ...settings, connections }, settings$: { v: 3 } });
  }

  it.each([
    ["not a URL", "not a url"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["plain http to another machine", "http://mpc.example.com"],
    ["a URL with credentials", "https://user:pass@mpc.example.com"],
  ])(
    "drops a custom connection whose base URL is %s, for pages and the background",
    async (_name, baseUrl) => {
      await storeRaw([{ ...connection, id: "bad", environment: "custom", baseUrl }, connection]);
      expect((await readSettings()).connections).toEqual([connection]);
      expect(normalizeSettings(await settingsItem.getValue()).connections).toEqual([connection]);
    },
  );

  it("gives a named environment its own base URL, as the options form does", async () => {
    await storeRaw([{ ...connection, environment: "production", baseUrl: "https://evil.example.com" }]);
    expect((await readSettings()).connections[0]?.baseUrl).toBe("https://api.mpc.placewise.com");
  });

  it.each([
    ["a javascript: URL", "javascript:alert(document.cookie)"],
    ["a data: URL", "data:text/html,<script>alert(1)</script>"],
    ["not a URL", "here"],
  ])("clears a login URL that is %s, keeping the connection", async (_name, loginUrl) => {
    await storeRaw([{ ...connection, loginUrl }]);
    expect((await readSettings()).connections).toEqual([{ ...connection, loginUrl: "" }]);
  });

  it("keeps a good login URL", async () => {
    await storeRaw([{ ...connection, loginUrl: "https://mall.example.no/login?from=sms" }]);
    expect((await readSettings()).connections[0]?.loginUrl).toBe("https://mall.example.no/login?from=sms");
  });

  it("drops a connection whose club slug would change the request path", async () => {
    await storeRaw([{ ...connection, id: "bad", clubSlug: "../admin" }, connection]);
    expect((await readSettings()).connections.map((c) => c.id)).toEqual(["c-1"]);
  });

  it("counts the connections it drops, so the options page can say so", async () => {
    await storeRaw([
      { ...connection, id: "bad-url", environment: "custom", baseUrl: "not a url" },
      connection,
      { ...connection, id: "bad-slug", clubSlug: "../admin" },
      "not a connection",
    ]);
    expect(await readSettingsReport()).toEqual({
      settings: { ...settings, connections: [connection] },
      unreadableConnections: 3,
      policy: { policy: NO_POLICY, notes: [], managed: false },
    });
  });

  it("counts none when every stored connection is read", async () => {
    await storeRaw([connection, { ...connection, id: "c-2", loginUrl: "javascript:alert(1)" }]);
    expect((await readSettingsReport()).unreadableConnections).toBe(0);
    await browser.storage.local.clear();
    expect(await readSettingsReport()).toEqual({
      settings: EMPTY_SETTINGS,
      unreadableConnections: 0,
      policy: { policy: NO_POLICY, notes: [], managed: false },
    });
  });
});

describe("pages reading the settings", () => {
  it("read what is stored, never from storage.sync", async () => {
    await browser.storage.local.set({ settings });
    expect(await readSettings()).toEqual(settings);
    expect(await browser.storage.sync.get(null)).toEqual({});
  });

  it("never read the storage library's version mark, and never write", async () => {
    await browser.storage.local.set({ settings, settings$: { v: SETTINGS_VERSION } });
    const get = vi.spyOn(browser.storage.local, "get");
    const set = vi.spyOn(browser.storage.local, "set");
    await readSettings();
    await readSettingsReport();
    expect(get.mock.calls.flatMap(([keys]) => [keys].flat())).not.toContain("settings$");
    expect(set).not.toHaveBeenCalled();
  });

  it("merge the organisation's policy, read from storage.managed, over what is stored", async () => {
    await browser.storage.local.set({ settings });
    await browser.storage.managed.set({ repeatWarningMinutes: 0 });
    expect((await readSettings()).preferences.recentSendMinutes).toBe(0);
    expect((await readSettingsReport()).policy.managed).toBe(true);
  });

  it("read the stored settings as they are where the browser refuses managed storage (Firefox without a policy)", async () => {
    await browser.storage.local.set({ settings });
    vi.spyOn(browser.storage.managed, "get").mockRejectedValue(
      new Error("Managed storage manifest not found"),
    );
    expect(await readSettings()).toEqual(settings);
    expect((await readSettingsReport()).policy).toEqual({ policy: NO_POLICY, notes: [], managed: false });
  });

  it("read a v1 value the background has not migrated yet as no connection, then hear of the migrated one", async () => {
    await browser.storage.local.set({ settings: { connection: { clubSlug: "harbour-centre" } } });
    expect(await readSettings()).toEqual(EMPTY_SETTINGS);
    const changed = vi.fn();
    const stop = watchSettings(changed);
    await browser.storage.local.set({ settings });
    stop();
    expect(changed).toHaveBeenCalled();
    expect(await readSettings()).toEqual(settings);
  });
});

describe("activeConnection", () => {
  it("is the connection the active id names, or null", () => {
    expect(activeConnection(settings)).toEqual(connection);
    expect(activeConnection(EMPTY_SETTINGS)).toBeNull();
  });
});
