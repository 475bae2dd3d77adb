import { describe, expect, it, vi } from "vitest";
import { browser } from "wxt/browser";
import { readSettings } from "@/utils/settings";
import { SANDBOX_CLUBS, SANDBOX_TOKENS } from "../../test/sandbox";
import { createTestDeps } from "../../test/support/background-deps";
import { testConnection as storedConnection, testDraft, testSettings } from "../../test/support/connections";
import { useInProcessSandbox } from "../../test/support/send-setup";
import {
  deleteConnection,
  forgetToken,
  getClubLanguages,
  getSavedToken,
  listClubs,
  saveConnection,
  setActiveConnection,
  testConnection,
} from "./connection";
import { MIGRATED_CONNECTION_ID } from "./settings-migrations";
import { readToken } from "./token-store";

const state = useInProcessSandbox();

const OPTIONS_URL = "chrome-extension://abc/options.html";

async function save(changes: Parameters<typeof testDraft>[0] = {}) {
  const result = await saveConnection(createTestDeps(), testDraft(changes));
  if (!result.ok) throw new Error(`not saved: ${JSON.stringify(result)}`);
  return result.id;
}

describe("saveConnection", () => {
  it("stores a new connection, learns the club from Placewise, and keeps the token apart", async () => {
    const id = await save();
    const settings = await readSettings();
    expect(settings.activeConnectionId).toBe(id);
    expect(settings.connections).toEqual([
      {
        id,
        label: "Infinity Mall",
        environment: "staging",
        baseUrl: "https://api.mpc.dev.placewise.com",
        productName: "default",
        clubSlug: "infinity-mall",
        customerId: "",
        rememberToken: true,
        hasToken: true,
        language: "",
        loginUrl: "",
        memberIdentifiers: ["email", "msisdn"],
        country: "NO",
      },
    ]);
    expect(JSON.stringify(await browser.storage.local.get("settings"))).not.toContain(SANDBOX_TOKENS.full);
    expect(await readToken(id, true)).toBe(SANDBOX_TOKENS.full);
    expect(await browser.storage.sync.get(null)).toEqual({});
  });

  it("saves even when the token may not read the club, and learns nothing", async () => {
    const id = await save({ token: SANDBOX_TOKENS.noClubPermits, label: "Desk" });
    const [connection] = (await readSettings()).connections;
    expect(connection).toMatchObject({ id, label: "Desk", memberIdentifiers: [], country: "" });
  });

  it("keeps several connections, each with its own token, and makes the newest active", async () => {
    const first = await save();
    const second = await save({ token: SANDBOX_TOKENS.second, clubSlug: SANDBOX_CLUBS.harbourCentre });
    const settings = await readSettings();
    expect(settings.connections.map((c) => [c.id, c.clubSlug, c.country])).toEqual([
      [first, "infinity-mall", "NO"],
      [second, "harbour-centre", "SE"],
    ]);
    expect(settings.activeConnectionId).toBe(second);
    expect(await readToken(first, true)).toBe(SANDBOX_TOKENS.full);
    expect(await readToken(second, true)).toBe(SANDBOX_TOKENS.second);
  });

  it("edits a connection in place, keeping the saved token when the field is empty", async () => {
    const id = await save();
    await save({ id, token: "", label: "Renamed", language: "en" });
    const settings = await readSettings();
    expect(settings.connections).toHaveLength(1);
    expect(settings.connections[0]).toMatchObject({ id, label: "Renamed", language: "en" });
    expect(await readToken(id, true)).toBe(SANDBOX_TOKENS.full);
  });

  it("does not make a new connection active when Placewise rejects its token (401)", async () => {
    const first = await save();
    const result = await saveConnection(
      createTestDeps(),
      testDraft({ token: SANDBOX_TOKENS.unknown, clubSlug: SANDBOX_CLUBS.harbourCentre }),
    );
    if (!result.ok) throw new Error("not saved");
    expect(result).toMatchObject({ check: { kind: "token-rejected" }, active: false });
    const settings = await readSettings();
    expect(settings.connections.map((c) => c.id)).toEqual([first, result.id]);
    expect(settings.activeConnectionId).toBe(first);
  });

  it("does not make a new connection active when Placewise does not know its club (404)", async () => {
    const first = await save();
    const result = await saveConnection(createTestDeps(), testDraft({ clubSlug: "no-such-club" }));
    if (!result.ok) throw new Error("not saved");
    expect(result).toMatchObject({ check: { kind: "club-not-found" }, active: false });
    expect((await readSettings()).activeConnectionId).toBe(first);
  });

  it("leaves a failing first connection the active one, as the only one there is, and says so", async () => {
    // The settings normalizer keeps a saved connection active whenever there is one.
    const result = await saveConnection(createTestDeps(), testDraft({ token: SANDBOX_TOKENS.unknown }));
    expect(result).toMatchObject({ ok: true, check: { kind: "token-rejected" }, active: true });
  });

  it("makes a new connection active once the test passes, and says so", async () => {
    const result = await saveConnection(createTestDeps(), testDraft());
    expect(result).toMatchObject({
      ok: true,
      check: { kind: "club-found", name: "Infinity Mall" },
      active: true,
    });
  });

  it("refuses to edit a connection that does not exist", async () => {
    expect((await saveConnection(createTestDeps(), testDraft({ id: "gone" }))).ok).toBe(false);
    expect((await readSettings()).connections).toEqual([]);
  });

  it("keeps the token only for this browser session when asked not to remember it", async () => {
    const id = await save({ rememberToken: false });
    expect(await readToken(id, false)).toBe(SANDBOX_TOKENS.full);
    expect(await browser.storage.local.get("clientTokens")).toEqual({});
  });

  it("moves a saved token when the choice changes, leaving no copy behind", async () => {
    const id = await save();
    await save({ id, token: "", rememberToken: false });
    expect(await readToken(id, false)).toBe(SANDBOX_TOKENS.full);
    expect(await readToken(id, true)).toBeNull();
  });

  it("checks the draft again and stores nothing when it is bad", async () => {
    const result = await saveConnection(createTestDeps(), testDraft({ clubSlug: "Bad Slug", token: "a\nb" }));
    expect(result).toEqual({ ok: false, problems: { clubSlug: "slugFormat", token: "controlCharacters" } });
    expect(await browser.storage.local.get(null)).toEqual({});
  });

  it("stores nothing for a custom host the user did not grant", async () => {
    const deps = createTestDeps({ hasHostPermission: async () => false });
    const result = await saveConnection(
      deps,
      testDraft({ environment: "custom", baseUrl: "https://mpc.example.com" }),
    );
    expect(result).toEqual({ ok: false, problems: { baseUrl: "notPermitted" } });
    expect(await browser.storage.local.get(null)).toEqual({});
  });
});

describe("connections", () => {
  it("switch the active one, and ignore an unknown id", async () => {
    const first = await save();
    await save({ clubSlug: SANDBOX_CLUBS.harbourCentre });
    await setActiveConnection(createTestDeps(), { id: first });
    expect((await readSettings()).activeConnectionId).toBe(first);
    await setActiveConnection(createTestDeps(), { id: "gone" });
    expect((await readSettings()).activeConnectionId).toBe(first);
  });

  it("delete one with its token; the next becomes active", async () => {
    const first = await save();
    const second = await save({ clubSlug: SANDBOX_CLUBS.harbourCentre });
    await deleteConnection(createTestDeps(), { id: second });
    const settings = await readSettings();
    expect(settings.connections.map((c) => c.id)).toEqual([first]);
    expect(settings.activeConnectionId).toBe(first);
    expect(await readToken(second, true)).toBeNull();
  });
});

describe("forgetToken", () => {
  it("removes one connection's token everywhere and marks it as having none", async () => {
    const first = await save();
    const second = await save({ clubSlug: SANDBOX_CLUBS.harbourCentre });
    await forgetToken(createTestDeps(), { id: first });
    expect(await readToken(first, true)).toBeNull();
    expect(await readToken(second, true)).toBe(SANDBOX_TOKENS.full);
    expect((await readSettings()).connections.map((c) => c.hasToken)).toEqual([false, true]);
  });
});

describe("the settings-v1 token", () => {
  it("is adopted by the migrated connection the first time it is read", async () => {
    await browser.storage.local.set({
      settings: {
        connection: {
          environment: "staging",
          baseUrl: "https://api.mpc.dev.placewise.com",
          clubSlug: "infinity-mall",
          hasToken: true,
        },
      },
      clientToken: SANDBOX_TOKENS.full,
    });
    expect(await readToken(MIGRATED_CONNECTION_ID, true)).toBe(SANDBOX_TOKENS.full);
    expect(await browser.storage.local.get("clientToken")).toEqual({});
    expect(await browser.storage.local.get("clientTokens")).toEqual({
      clientTokens: { [MIGRATED_CONNECTION_ID]: SANDBOX_TOKENS.full },
    });
  });
});

describe("getSavedToken", () => {
  it("gives the options page a saved token", async () => {
    const id = await save();
    expect(await getSavedToken(createTestDeps(), { id }, { url: OPTIONS_URL }, OPTIONS_URL)).toEqual({
      token: SANDBOX_TOKENS.full,
    });
  });

  it.each([
    ["the popup", "chrome-extension://abc/popup.html"],
    ["a page that only starts like the options page", "chrome-extension://abc/options.html.evil"],
    ["no URL", undefined],
  ])("refuses %s", async (_name, url) => {
    const id = await save();
    await expect(getSavedToken(createTestDeps(), { id }, { url }, OPTIONS_URL)).rejects.toThrow(
      /only the options page/u,
    );
  });
});

describe("testConnection", () => {
  it("names the club, with the form's token, saving nothing", async () => {
    const result = await testConnection(createTestDeps(), testDraft());
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
    const id = await save({ token: SANDBOX_TOKENS.second });
    state.requests = [];
    await testConnection(createTestDeps(), testDraft({ id, token: "" }));
    expect(state.requests[0]?.headers["x-client-authorization"]).toBe(SANDBOX_TOKENS.second);
  });

  it("reports a token that may not read clubs as a missing permit", async () => {
    const result = await testConnection(createTestDeps(), testDraft({ token: SANDBOX_TOKENS.noClubPermits }));
    expect(result).toMatchObject({ ok: true, outcome: { kind: "permit-missing", status: 403 } });
  });

  it("reports an unknown club and a rejected token", async () => {
    expect(await testConnection(createTestDeps(), testDraft({ clubSlug: "no-such-club" }))).toMatchObject({
      ok: true,
      outcome: { kind: "club-not-found", status: 404 },
    });
    expect(
      await testConnection(createTestDeps(), testDraft({ token: SANDBOX_TOKENS.unknown })),
    ).toMatchObject({
      ok: true,
      outcome: { kind: "token-rejected", status: 401 },
    });
  });

  it("asks for a token when none is typed or saved", async () => {
    expect(await testConnection(createTestDeps(), testDraft({ token: "" }))).toEqual({
      ok: false,
      problems: { token: "required" },
    });
    expect(state.requests).toHaveLength(0);
  });
});

describe("listClubs and getClubLanguages", () => {
  it("list every club the token may use, reading every page, sorted by name", async () => {
    const result = await listClubs(createTestDeps(), testDraft({ clubSlug: "" }));
    expect(result.ok).toBe(true);
    const clubs = result.ok ? result.value : [];
    expect(clubs.map((c) => c.slug)).toContain("infinity-mall");
    expect(clubs.find((c) => c.slug === "harbour-centre")).toEqual({
      slug: "harbour-centre",
      name: expect.any(String),
      country: "SE",
      memberIdentifiers: ["email"],
    });
    expect(clubs.map((c) => c.name)).toEqual(
      [...clubs.map((c) => c.name)].sort((a, b) => a.localeCompare(b)),
    );
    expect(state.requests[0]?.query).toEqual({ per_page: "1000", page_no: "1" });
  });

  it("list only the clubs a narrower token may use", async () => {
    const result = await listClubs(
      createTestDeps(),
      testDraft({ token: SANDBOX_TOKENS.second, clubSlug: "" }),
    );
    expect(result.ok && result.value.map((c) => c.slug).sort()).toEqual(["harbour-centre", "infinity-mall"]);
  });

  it("report a token without the ListMine permit, so the slug can be typed by hand", async () => {
    expect(
      await listClubs(createTestDeps(), testDraft({ token: SANDBOX_TOKENS.noClubPermits })),
    ).toMatchObject({
      ok: false,
      outcome: { kind: "permit-missing", permit: "BL:Api:LoyaltyClubs:ListMine" },
    });
  });

  it("read the club's languages and default", async () => {
    expect(await getClubLanguages(createTestDeps(), testDraft())).toEqual({
      ok: true,
      value: { languages: ["en", "no"], defaultLanguage: "no" },
    });
  });
});

describe("host permissions a change leaves unused", () => {
  const CUSTOM = { environment: "custom", baseUrl: "https://mpc.example.com" } as const;

  /** Deps whose permission removals are recorded; `fail` makes the browser refuse them. */
  function recording({ fail = false } = {}) {
    const removed: string[] = [];
    const deps = createTestDeps({
      removeHostPermission: async (pattern) => {
        removed.push(pattern);
        if (fail) throw new Error("permissions.remove refused");
      },
    });
    return { deps, removed };
  }

  it("removes a custom host's permission with the last connection on it", async () => {
    const id = await save(CUSTOM);
    const { deps, removed } = recording();
    expect(await deleteConnection(deps, { id })).toEqual({ ok: true });
    expect(removed).toEqual(["https://mpc.example.com/*"]);
  });

  it("keeps it while another connection still uses the host", async () => {
    const first = await save(CUSTOM);
    await save({ ...CUSTOM, clubSlug: SANDBOX_CLUBS.harbourCentre });
    const { deps, removed } = recording();
    await deleteConnection(deps, { id: first });
    expect(removed).toEqual([]);
  });

  it("removes the custom host when a connection moves from it to Staging", async () => {
    const id = await save(CUSTOM);
    const { deps, removed } = recording();
    const result = await saveConnection(deps, testDraft({ id, token: "", environment: "staging" }));
    expect(result).toMatchObject({ ok: true, id });
    expect(removed).toEqual(["https://mpc.example.com/*"]);
  });

  it("removes nothing when a save keeps the host", async () => {
    const id = await save(CUSTOM);
    const { deps, removed } = recording();
    await saveConnection(deps, testDraft({ ...CUSTOM, id, token: "", label: "Renamed" }));
    expect(removed).toEqual([]);
  });

  it.each([
    ["Staging", {}],
    ["Production", { environment: "production" }],
    ["a custom localhost", { environment: "custom", baseUrl: "http://localhost:8787" }],
  ] as const)("never removes a host the manifest grants (%s)", async (_name, changes) => {
    await browser.storage.local.set({
      settings: testSettings([storedConnection({ id: "c-1", ...changes })]),
      settings$: { v: 3 },
    });
    const { deps, removed } = recording();
    expect(await deleteConnection(deps, { id: "c-1" })).toEqual({ ok: true });
    expect((await readSettings()).connections).toEqual([]);
    expect(removed).toEqual([]);
  });

  it("removes nothing when the settings were not written", async () => {
    const id = await save(CUSTOM);
    const { deps, removed } = recording();
    const refused = createTestDeps({
      ...deps,
      updateSettings: async () => ({ ok: false, reason: "storage-failed", before: await readSettings() }),
    });
    expect(await deleteConnection(refused, { id })).toEqual({ ok: false, reason: "storage-failed" });
    expect(removed).toEqual([]);
  });

  it("logs a removal the browser refuses, and the delete still succeeds", async () => {
    const id = await save(CUSTOM);
    const { deps, removed } = recording({ fail: true });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      expect(await deleteConnection(deps, { id })).toEqual({ ok: true });
      expect((await readSettings()).connections).toEqual([]);
      expect(removed).toEqual(["https://mpc.example.com/*"]);
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining("https://mpc.example.com/*"),
        expect.any(Error),
      );
    } finally {
      warn.mockRestore();
    }
  });
});
