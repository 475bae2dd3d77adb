import { describe, expect, it, vi } from "vitest";
import { browser } from "wxt/browser";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { testConnection, testDraft, testSettings } from "@/test/support/connections";
import { readSettings } from "@/utils/settings";
import { createTestDeps } from "../../test/support/background-deps";
import { useInProcessSandbox } from "../../test/support/send-setup";
import { forgetToken, saveConnection, setActiveConnection } from "./connection";
import { setPreferences } from "./preferences";
import { settingsItem } from "./settings-item";
import { readToken, readTokens, tokenFor, writeToken } from "./token-store";

useInProcessSandbox();

describe("settings writes", () => {
  it("keep both of two changes the popup makes at the same moment", async () => {
    await settingsItem.setValue(testSettings([testConnection(), testConnection({ id: "c-2" })]));
    const deps = createTestDeps();
    await Promise.all([
      setPreferences(deps, { lastChannel: "msisdn" }),
      setActiveConnection(deps, { id: "c-2" }),
    ]);
    const settings = await readSettings();
    expect(settings.activeConnectionId).toBe("c-2");
    expect(settings.preferences.lastChannel).toBe("msisdn");
  });
});

describe("token writes", () => {
  it("keep every token written at the same moment", async () => {
    await Promise.all([writeToken("c-1", "one", true), writeToken("c-2", "two", true)]);
    expect((await readTokens()).remembered).toEqual({ "c-1": "one", "c-2": "two" });
  });
});

describe("token lookups", () => {
  it.each(["constructor", "toString", "__proto__", "hasOwnProperty"])(
    "find no token for a connection id %s that has none",
    async (id) => {
      await browser.storage.local.set({ clientTokens: { "c-1": "one" } });
      expect(await readToken(id, true)).toBeNull();
      expect(tokenFor(await readTokens(), id, true)).toBeNull();
      expect(tokenFor(await readTokens(), id, false)).toBeNull();
    },
  );

  it("find the token of a connection whose id is constructor", async () => {
    await writeToken("constructor", "tok", true);
    expect(await readToken("constructor", true)).toBe("tok");
  });
});

describe("settings saved by a newer build (v4), from raw storage", () => {
  const v4 = {
    ...testSettings([testConnection({ id: "c-1" }), testConnection({ id: "c-2" })]),
    connections: [{ ...testConnection({ id: "c-1" }), v4Only: "kept" }, { ...testConnection({ id: "c-2" }) }],
    v4Field: { anything: true },
  };

  it("are never written over: a change answers newer-version and storage stays as it was", async () => {
    await browser.storage.local.set({ settings: v4, settings$: { v: 4 } });
    const deps = createTestDeps();
    expect(await setPreferences(deps, { precheck: false })).toEqual({ ok: false, reason: "newer-version" });
    expect(await setActiveConnection(deps, { id: "c-2" })).toEqual({ ok: false, reason: "newer-version" });
    expect(await browser.storage.local.get(["settings", "settings$"])).toEqual({
      settings: v4,
      settings$: { v: 4 },
    });
  });

  it("are still read as far as this build can", async () => {
    await browser.storage.local.set({ settings: v4, settings$: { v: 4 } });
    expect((await readSettings()).connections.map((c) => c.id)).toEqual(["c-1", "c-2"]);
    expect((await createTestDeps().readSettings()).activeConnectionId).toBe("c-1");
  });
});

describe("a write of the current version", () => {
  it("keeps fields this build does not know, at every level", async () => {
    const stored = {
      ...testSettings([testConnection({ id: "c-1" }), testConnection({ id: "c-2" })]),
      extra: 1,
    };
    await browser.storage.local.set({
      settings: {
        ...stored,
        connections: [{ ...stored.connections[0], note: "kept" }, stored.connections[1]],
        preferences: { ...stored.preferences, future: "kept" },
      },
      settings$: { v: 3 },
    });
    await setActiveConnection(createTestDeps(), { id: "c-2" });
    const { settings } = await browser.storage.local.get("settings");
    expect(settings).toMatchObject({
      extra: 1,
      activeConnectionId: "c-2",
      connections: [{ id: "c-1", note: "kept" }, { id: "c-2" }],
      preferences: { future: "kept" },
    });
  });
});

describe("a full storage area", () => {
  it("answers storage-failed, not the browser's raw error", async () => {
    await settingsItem.setValue(testSettings([testConnection()]));
    vi.spyOn(fakeBrowser.storage.local, "set").mockRejectedValue(new Error("QUOTA_BYTES quota exceeded"));
    const deps = createTestDeps();
    expect(await setPreferences(deps, { precheck: false })).toEqual({ ok: false, reason: "storage-failed" });
    expect(await saveConnection(deps, testDraft())).toEqual({ ok: false, reason: "storage-failed" });
    expect(await forgetToken(deps, { id: "c-1" })).toEqual({ ok: false, reason: "storage-failed" });
  });
});
