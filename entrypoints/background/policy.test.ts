import { describe, expect, it, vi } from "vitest";
import { browser } from "wxt/browser";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { readSettings as readPageSettings, watchSettings } from "@/utils/settings";
import { SANDBOX_CLUBS, SANDBOX_TOKENS } from "../../test/sandbox";
import { createTestDeps } from "../../test/support/background-deps";
import { testConnection, testDraft, testSettings } from "../../test/support/connections";
import { useInProcessSandbox } from "../../test/support/send-setup";
import { deleteConnection, forgetToken, saveConnection } from "./connection";
import { type MenusApi, registerContextMenu } from "./context-menu";
import { keepTokensForSessionOnly, startBulkRunUnderPolicy } from "./policy-rules";
import { setPreferences } from "./preferences";
import { readSettings, updateSettings } from "./settings-store";
import { readToken, writeToken } from "./token-store";

// The organisation's policy (utils/policy.ts) as the background applies it, on fakeBrowser's
// storage.managed: the merge rules, the refusals, and policy changes while the browser runs.

useInProcessSandbox();

const POLICY_MALL = {
  id: "oslo",
  label: "Oslo desk",
  environment: "staging",
  clubSlug: SANDBOX_CLUBS.infinityMall,
  productName: "default",
};
const OWN = testConnection({ id: "own-1", label: "My own", hasToken: true });

async function storeSettings(settings = testSettings([OWN], { sendLogMaxEntries: 2000 })) {
  await updateSettings(() => settings);
}

describe("merging the policy over the operator's settings", () => {
  it("puts the policy's connections first, marked, without a token until one is pasted", async () => {
    await storeSettings();
    await fakeBrowser.storage.managed.set({ connections: [POLICY_MALL] });
    const settings = await readSettings();
    expect(settings.connections.map((c) => [c.id, c.fromPolicy ?? false, c.hasToken])).toEqual([
      ["policy-oslo", true, false],
      ["own-1", false, true],
    ]);
    // The operator's active connection stays active.
    expect(settings.activeConnectionId).toBe("own-1");
  });

  it("locked: the connections are exactly the policy's; the operator's come back when it is lifted", async () => {
    await storeSettings();
    await fakeBrowser.storage.managed.set({ connections: [POLICY_MALL], lockConnections: true });
    const locked = await readSettings();
    expect(locked.connections.map((c) => c.id)).toEqual(["policy-oslo"]);
    expect(locked.activeConnectionId).toBe("policy-oslo");
    // A write made while locked (a preference) keeps the operator's set-aside connection.
    await setPreferences(createTestDeps(), { precheck: false });
    await fakeBrowser.storage.managed.clear();
    const lifted = await readSettings();
    expect(lifted.connections.map((c) => c.id)).toEqual(["own-1"]);
    expect(lifted.activeConnectionId).toBe("own-1");
    expect(lifted.preferences.precheck).toBe(false);
  });

  it("sets aside the operator's custom connections when custom base URLs are not allowed", async () => {
    const custom = testConnection({
      id: "custom-1",
      environment: "custom",
      baseUrl: "https://api.example.com",
    });
    await storeSettings(testSettings([OWN, custom]));
    await fakeBrowser.storage.managed.set({ allowCustomBaseUrl: false });
    expect((await readSettings()).connections.map((c) => c.id)).toEqual(["own-1"]);
  });

  it("fixes the preferences it sets, and never writes them as the operator's", async () => {
    await storeSettings();
    await fakeBrowser.storage.managed.set({ sendLogMaxEntries: 500, repeatWarningMinutes: 0 });
    expect((await readSettings()).preferences).toMatchObject({
      sendLogMaxEntries: 500,
      recentSendMinutes: 0,
    });
    await setPreferences(createTestDeps(), { sendLogMaxEntries: 9000, sendLogRetentionDays: 20 });
    expect((await readSettings()).preferences).toMatchObject({
      sendLogMaxEntries: 500,
      sendLogRetentionDays: 20,
    });
    await fakeBrowser.storage.managed.clear();
    expect((await readSettings()).preferences).toMatchObject({
      sendLogMaxEntries: 2000,
      recentSendMinutes: 10,
    });
  });

  it("ignores an invalid value and applies the valid ones beside it", async () => {
    await storeSettings();
    await fakeBrowser.storage.managed.set({ sendLogMaxEntries: -1, repeatWarningMinutes: 5 });
    expect((await readSettings()).preferences).toMatchObject({
      sendLogMaxEntries: 2000,
      recentSendMinutes: 5,
    });
  });

  it("pages read the same merge, and hear a policy change", async () => {
    await storeSettings();
    const heard = vi.fn();
    const stop = watchSettings(heard);
    await fakeBrowser.storage.managed.set({ connections: [POLICY_MALL], lockConnections: true });
    expect(heard).toHaveBeenCalled();
    expect((await readPageSettings()).connections.map((c) => c.id)).toEqual(["policy-oslo"]);
    stop();
  });
});

describe("a policy connection's token", () => {
  it("may be pasted while locked; the fields stay the policy's whatever the page sends", async () => {
    await fakeBrowser.storage.managed.set({ connections: [POLICY_MALL], lockConnections: true });
    const result = await saveConnection(
      createTestDeps(),
      testDraft({
        id: "policy-oslo",
        clubSlug: "harbour-centre",
        label: "Hijacked",
        token: SANDBOX_TOKENS.full,
      }),
    );
    expect(result).toMatchObject({ ok: true, id: "policy-oslo" });
    const [saved] = (await readSettings()).connections;
    expect(saved).toMatchObject({
      id: "policy-oslo",
      label: "Oslo desk",
      clubSlug: "infinity-mall",
      hasToken: true,
    });
    expect(await readToken("policy-oslo", true)).toBe(SANDBOX_TOKENS.full);
  });

  it("stays attached when IT changes the connection's label and product", async () => {
    await fakeBrowser.storage.managed.set({ connections: [POLICY_MALL] });
    await saveConnection(createTestDeps(), testDraft({ id: "policy-oslo", token: SANDBOX_TOKENS.full }));
    await fakeBrowser.storage.managed.set({
      connections: [{ ...POLICY_MALL, label: "Oslo", productName: "desk" }],
    });
    const [connection] = (await readSettings()).connections;
    expect(connection).toMatchObject({
      id: "policy-oslo",
      label: "Oslo",
      productName: "desk",
      hasToken: true,
    });
    expect(connection?.memberIdentifiers).toEqual(["email", "msisdn"]);
  });

  it("may be forgotten while locked", async () => {
    await fakeBrowser.storage.managed.set({ connections: [POLICY_MALL], lockConnections: true });
    await saveConnection(createTestDeps(), testDraft({ id: "policy-oslo", token: SANDBOX_TOKENS.full }));
    expect(await forgetToken(createTestDeps(), { id: "policy-oslo" })).toEqual({ ok: true });
    expect((await readSettings()).connections[0]?.hasToken).toBe(false);
  });

  it("is kept for the session only under rememberTokens never, even when the page asks to remember it", async () => {
    await fakeBrowser.storage.managed.set({ connections: [POLICY_MALL], rememberTokens: "never" });
    await saveConnection(
      createTestDeps(),
      testDraft({ id: "policy-oslo", token: SANDBOX_TOKENS.full, rememberToken: true }),
    );
    expect(await readToken("policy-oslo", true)).toBeNull();
    expect(await readToken("policy-oslo", false)).toBe(SANDBOX_TOKENS.full);
  });

  it("moves tokens remembered before 'never' was set into the session", async () => {
    await writeToken("own-1", "tok-own", true);
    await fakeBrowser.storage.managed.set({ rememberTokens: "never" });
    await keepTokensForSessionOnly(createTestDeps());
    expect(await readToken("own-1", true)).toBeNull();
    expect(await readToken("own-1", false)).toBe("tok-own");
    expect(JSON.stringify(await browser.storage.local.get(null))).not.toContain("tok-own");
  });
});

describe("what the background refuses under policy", () => {
  it("refuses a new connection while locked", async () => {
    await fakeBrowser.storage.managed.set({ lockConnections: true });
    expect(await saveConnection(createTestDeps(), testDraft())).toEqual({
      ok: false,
      reason: "set-by-policy",
    });
    expect((await readSettings()).connections).toEqual([]);
  });

  it("refuses to edit the operator's own connection while locked", async () => {
    await storeSettings();
    await fakeBrowser.storage.managed.set({ lockConnections: true });
    expect(await saveConnection(createTestDeps(), testDraft({ id: "own-1" }))).toEqual({
      ok: false,
      reason: "set-by-policy",
    });
  });

  it("refuses a custom base URL when the policy does not allow one", async () => {
    await fakeBrowser.storage.managed.set({ allowCustomBaseUrl: false });
    expect(
      await saveConnection(
        createTestDeps(),
        testDraft({ environment: "custom", baseUrl: "https://api.example.com" }),
      ),
    ).toEqual({ ok: false, reason: "custom-url-not-allowed" });
  });

  it("refuses to delete a policy connection, and any connection while locked", async () => {
    await storeSettings();
    await fakeBrowser.storage.managed.set({ connections: [POLICY_MALL] });
    const deps = createTestDeps();
    expect(await deleteConnection(deps, { id: "policy-oslo" })).toEqual({
      ok: false,
      reason: "set-by-policy",
    });
    await fakeBrowser.storage.managed.set({ lockConnections: true });
    expect(await deleteConnection(deps, { id: "own-1" })).toEqual({ ok: false, reason: "set-by-policy" });
    await fakeBrowser.storage.managed.clear();
    expect(await deleteConnection(deps, { id: "own-1" })).toEqual({ ok: true });
  });

  it("refuses a bulk run when bulk is switched off, without starting it", async () => {
    const start = vi.fn(async () => ({ ok: true as const, runId: "r", total: 1 }));
    await fakeBrowser.storage.managed.set({ bulkEnabled: false });
    expect(await startBulkRunUnderPolicy(createTestDeps(), start, { recipients: [] })).toEqual({
      ok: false,
      reason: "disabled-by-policy",
    });
    expect(start).not.toHaveBeenCalled();
    await fakeBrowser.storage.managed.set({ bulkEnabled: true });
    expect((await startBulkRunUnderPolicy(createTestDeps(), start, { recipients: [] })).ok).toBe(true);
  });

  it("removes the right-click item, and creates none, when the menu is switched off", async () => {
    const calls: string[] = [];
    const menus: MenusApi = {
      removeAll: async () => {
        calls.push("removeAll");
      },
      create: () => {
        calls.push("create");
        return 1;
      },
      update: async () => {},
    };
    await registerContextMenu(menus, testSettings([OWN]), false);
    expect(calls).toEqual(["removeAll"]);
  });
});
