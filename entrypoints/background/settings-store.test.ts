import { describe, expect, it } from "vitest";
import { browser } from "wxt/browser";
import { testConnection, testSettings } from "@/test/support/connections";
import { readSettings } from "@/utils/settings";
import { settingsItem } from "@/utils/settings-item";
import { createTestDeps } from "../../test/support/background-deps";
import { setActiveConnection } from "./connection";
import { setPreferences } from "./preferences";
import { readToken, readTokens, tokenFor, writeToken } from "./token-store";

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
