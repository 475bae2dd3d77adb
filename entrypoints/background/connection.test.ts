import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { browser } from "wxt/browser";
import { readSettings } from "@/utils/settings";
import type { ConnectionDraft } from "@/utils/validation/connection";
import { resetSandbox, SANDBOX_CLUBS, SANDBOX_TOKENS } from "../../test/sandbox";
import { createInProcessSandbox, createTestDeps } from "../../test/support/background-deps";
import { forgetToken, getSavedToken, saveConnection, testConnection } from "./connection";
import { readToken } from "./token-store";

const { state, server } = createInProcessSandbox();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => resetSandbox(state));
afterAll(() => server.close());

const OPTIONS_URL = "chrome-extension://abc/options.html";
const draft: ConnectionDraft = {
  environment: "staging",
  baseUrl: "",
  token: SANDBOX_TOKENS.full,
  productName: "default",
  clubSlug: SANDBOX_CLUBS.infinityMall,
  customerId: "",
  rememberToken: true,
};

describe("saveConnection", () => {
  it("stores the connection in storage.local and the token apart from it", async () => {
    expect(await saveConnection(createTestDeps(), draft)).toEqual({ ok: true });
    expect((await readSettings()).connection).toEqual({
      environment: "staging",
      baseUrl: "https://api.mpc.dev.placewise.com",
      productName: "default",
      clubSlug: "infinity-mall",
      customerId: "",
      rememberToken: true,
      hasToken: true,
    });
    expect(JSON.stringify(await browser.storage.local.get("settings"))).not.toContain(SANDBOX_TOKENS.full);
    expect(await readToken(true)).toBe(SANDBOX_TOKENS.full);
    expect(await browser.storage.sync.get(null)).toEqual({});
  });

  it("keeps the token only for this browser session when asked not to remember it", async () => {
    await saveConnection(createTestDeps(), { ...draft, rememberToken: false });
    expect(await readToken(false)).toBe(SANDBOX_TOKENS.full);
    expect(await browser.storage.local.get("clientToken")).toEqual({});
  });

  it("moves a saved token when the choice changes, leaving no copy behind", async () => {
    await saveConnection(createTestDeps(), draft);
    await saveConnection(createTestDeps(), { ...draft, token: "", rememberToken: false });
    expect(await readToken(false)).toBe(SANDBOX_TOKENS.full);
    expect(await readToken(true)).toBeNull();
    expect((await readSettings()).connection?.hasToken).toBe(true);
  });

  it("checks the draft again and stores nothing when it is bad", async () => {
    const result = await saveConnection(createTestDeps(), { ...draft, clubSlug: "Bad Slug", token: "a\nb" });
    expect(result).toEqual({ ok: false, problems: { clubSlug: "slugFormat", token: "controlCharacters" } });
    expect(await browser.storage.local.get(null)).toEqual({});
  });

  it.each([
    ["not an object", "draft"],
    ["an unknown environment", { ...draft, environment: "moon" }],
    ["a number for a field", { ...draft, clubSlug: 5 }],
    ["a missing remember choice", { ...draft, rememberToken: undefined }],
  ])("refuses a draft with %s", async (_name, data) => {
    expect((await saveConnection(createTestDeps(), data)).ok).toBe(false);
    expect(await browser.storage.local.get(null)).toEqual({});
  });

  it("stores nothing for a custom host the user did not grant", async () => {
    const deps = createTestDeps({ hasHostPermission: async () => false });
    const result = await saveConnection(deps, {
      ...draft,
      environment: "custom",
      baseUrl: "https://mpc.example.com",
    });
    expect(result).toEqual({ ok: false, problems: { baseUrl: "notPermitted" } });
    expect(await browser.storage.local.get(null)).toEqual({});
  });
});

describe("forgetToken", () => {
  it("removes the token everywhere and marks the connection as having none", async () => {
    await saveConnection(createTestDeps(), draft);
    await forgetToken(createTestDeps());
    expect(await readToken(true)).toBeNull();
    expect(await readToken(false)).toBeNull();
    expect((await readSettings()).connection?.hasToken).toBe(false);
  });
});

describe("getSavedToken", () => {
  it("gives the options page the saved token", async () => {
    await saveConnection(createTestDeps(), draft);
    expect(await getSavedToken(createTestDeps(), { url: OPTIONS_URL }, OPTIONS_URL)).toEqual({
      token: SANDBOX_TOKENS.full,
    });
  });

  it.each([
    ["the popup", "chrome-extension://abc/popup.html"],
    ["a page that only starts like the options page", "chrome-extension://abc/options.html.evil"],
    ["no URL", undefined],
  ])("refuses %s", async (_name, url) => {
    await saveConnection(createTestDeps(), draft);
    await expect(getSavedToken(createTestDeps(), { url }, OPTIONS_URL)).rejects.toThrow(
      /only the options page/u,
    );
  });
});

describe("testConnection", () => {
  it("names the club, with the form's token, saving nothing", async () => {
    const result = await testConnection(createTestDeps(), draft);
    expect(result).toEqual({
      ok: true,
      outcome: { kind: "club-found", name: "Infinity Mall", slug: "infinity-mall" },
    });
    expect(state.requests.map((r) => [r.method, r.path])).toEqual([
      ["GET", "/v3/loyalty_clubs/infinity-mall"],
    ]);
    expect(await browser.storage.local.get(null)).toEqual({});
  });

  it("uses the saved token when the field is left empty", async () => {
    await saveConnection(createTestDeps(), { ...draft, token: SANDBOX_TOKENS.second });
    await testConnection(createTestDeps(), { ...draft, token: "" });
    expect(state.requests[0]?.headers["x-client-authorization"]).toBe(SANDBOX_TOKENS.second);
  });

  it("reports a token that may not read clubs as a missing permit", async () => {
    const result = await testConnection(createTestDeps(), { ...draft, token: SANDBOX_TOKENS.noClubPermits });
    expect(result).toMatchObject({ ok: true, outcome: { kind: "permit-missing", status: 403 } });
  });

  it("reports an unknown club and a rejected token", async () => {
    expect(await testConnection(createTestDeps(), { ...draft, clubSlug: "no-such-club" })).toMatchObject({
      ok: true,
      outcome: { kind: "club-not-found", status: 404 },
    });
    expect(await testConnection(createTestDeps(), { ...draft, token: SANDBOX_TOKENS.unknown })).toMatchObject(
      {
        ok: true,
        outcome: { kind: "token-rejected", status: 401 },
      },
    );
  });

  it("asks for a token when none is typed or saved", async () => {
    expect(await testConnection(createTestDeps(), { ...draft, token: "" })).toEqual({
      ok: false,
      problems: { token: "required" },
    });
    expect(state.requests).toHaveLength(0);
  });
});
