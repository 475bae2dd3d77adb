// Shared by the options page's component tests; not part of the page.
import { act, fireEvent, render, screen } from "@testing-library/preact";
import { expect, vi } from "vitest";
import { testConnection, testSettings } from "@/test/support/connections";
import { NO_POLICY, type PolicyReport } from "@/utils/policy";
import type { ClubLanguages, ClubSummary, ConnectionCheckOutcome } from "@/utils/send-outcome";
import { type Connection, EMPTY_SETTINGS, type StoredSettings } from "@/utils/settings";
import { App } from "./App";
import type { OptionsDeps } from "./deps";
import { createOptionsStore } from "./store";

/** Clubs the fake background lists, sorted by name as the real one does. */
export const CLUBS: ClubSummary[] = [
  { slug: "baltic-galleria", name: "Baltic Galleria", country: "PL", memberIdentifiers: ["email"] },
  { slug: "harbour-centre", name: "Harbour Centre", country: "SE", memberIdentifiers: ["email"] },
  { slug: "infinity-mall", name: "Infinity Mall", country: "NO", memberIdentifiers: ["email", "msisdn"] },
  { slug: "nordlys-kjopesenter", name: "Nordlys Kjøpesenter", country: "NO", memberIdentifiers: ["email"] },
];

/** Languages per club in the fake background; other clubs have English only. */
export const LANGUAGES: Record<string, ClubLanguages> = {
  "infinity-mall": { languages: ["en", "no"], defaultLanguage: "no" },
  "harbour-centre": { languages: ["sv", "en"], defaultLanguage: "sv" },
};

/** The active connection of the two-connection settings. */
export const INFINITY: Connection = testConnection({
  id: "c-1",
  label: "Infinity Mall",
  environment: "staging",
  baseUrl: "https://api.mpc.dev.placewise.com",
  productName: "desk",
  clubSlug: "infinity-mall",
  customerId: "447",
});

/** The second connection: another token, club and environment. */
export const HARBOUR: Connection = testConnection({
  id: "c-2",
  label: "Harbour desk",
  environment: "production",
  baseUrl: "https://api.mpc.placewise.com",
  productName: "default",
  clubSlug: "harbour-centre",
  customerId: "",
  language: "sv",
  loginUrl: "https://harbour.example.se/login",
});

/** Two saved connections, Infinity Mall active, each with its token. */
export const TWO_CONNECTIONS = {
  settings: testSettings([INFINITY, HARBOUR]),
  tokens: { "c-1": "tok-saved", "c-2": "tok-harbour" } as Record<string, string>,
};

/**
 * Fake deps that behave like the background: saving, deleting and switching change the settings
 * the page reads back. `changeSettings` changes them from elsewhere (the popup) and fires the watcher.
 */
export function fakeBackground(
  initial: StoredSettings,
  initialTokens: Record<string, string>,
  policy: PolicyReport = { policy: NO_POLICY, notes: [], managed: false },
) {
  let settings = structuredClone(initial);
  const tokens = { ...initialTokens };
  const watchers = new Set<() => void>();
  let nextId = 1;
  const deps = {
    readSettings: vi.fn<OptionsDeps["readSettings"]>(async () => ({
      settings: structuredClone(settings),
      unreadableConnections: 0,
      policy,
    })),
    watchSettings: vi.fn((onChange: () => void) => {
      watchers.add(onChange);
      return () => watchers.delete(onChange);
    }),
    readSavedToken: vi.fn(async (id: string) => tokens[id] ?? null),
    save: vi.fn<OptionsDeps["save"]>(async (draft) => {
      const existing = settings.connections.find((c) => c.id === draft.id);
      const id = existing?.id ?? `new-${nextId++}`;
      const clubName = CLUBS.find((club) => club.slug === draft.clubSlug)?.name;
      if (draft.environment === "") throw new Error("the page sent a draft without an environment");
      const connection: Connection = {
        ...testConnection(),
        ...draft,
        environment: draft.environment,
        id,
        label: draft.label || clubName || draft.clubSlug,
        hasToken: true,
      };
      if (draft.token !== "") tokens[id] = draft.token;
      // Like the background: the save tests the connection; only a passing one becomes active.
      const check = checkOf(tokens[id] ?? "", draft.clubSlug);
      const passed = check.kind === "club-found";
      settings = {
        ...settings,
        connections: existing
          ? settings.connections.map((c) => (c.id === id ? connection : c))
          : [...settings.connections, connection],
        activeConnectionId: existing || !passed ? (settings.activeConnectionId ?? id) : id,
      };
      return { ok: true, id, check, active: settings.activeConnectionId === id };
    }),
    test: vi.fn<OptionsDeps["test"]>(),
    listClubs: vi.fn<OptionsDeps["listClubs"]>(async () => ({ ok: true, value: CLUBS })),
    getClubLanguages: vi.fn<OptionsDeps["getClubLanguages"]>(async (draft) => ({
      ok: true,
      value: LANGUAGES[draft.clubSlug] ?? { languages: ["en"], defaultLanguage: "en" },
    })),
    forgetToken: vi.fn<OptionsDeps["forgetToken"]>(async (id) => {
      delete tokens[id];
      settings = {
        ...settings,
        connections: settings.connections.map((c) => (c.id === id ? { ...c, hasToken: false } : c)),
      };
      return { ok: true };
    }),
    deleteConnection: vi.fn<OptionsDeps["deleteConnection"]>(async (id) => {
      delete tokens[id];
      const connections = settings.connections.filter((c) => c.id !== id);
      const activeConnectionId =
        settings.activeConnectionId === id ? (connections[0]?.id ?? null) : settings.activeConnectionId;
      settings = { ...settings, connections, activeConnectionId };
      return { ok: true };
    }),
    setActiveConnection: vi.fn<OptionsDeps["setActiveConnection"]>(async (id) => {
      settings = { ...settings, activeConnectionId: id };
      return { ok: true };
    }),
    setPreferences: vi.fn<OptionsDeps["setPreferences"]>(async (changes) => {
      settings = { ...settings, preferences: { ...settings.preferences, ...changes } };
      return { ok: true };
    }),
    requestHostPermission: vi.fn<OptionsDeps["requestHostPermission"]>(async () => true),
  } satisfies OptionsDeps;
  const changeSettings = async (change: (current: StoredSettings) => StoredSettings) => {
    settings = change(settings);
    await act(async () => {
      for (const watcher of watchers) watcher();
    });
  };
  return { deps, changeSettings, tokens };
}

/** A token the fake Placewise rejects (401) and a club it does not know (404). */
export const REJECTED_TOKEN = "tok-rejected";
export const UNKNOWN_CLUB = "no-such-club";

/** What the fake background's save learns when it reads the club. */
function checkOf(token: string, clubSlug: string): ConnectionCheckOutcome {
  if (token === REJECTED_TOKEN) return { kind: "token-rejected", status: 401 };
  if (clubSlug === UNKNOWN_CLUB) return { kind: "club-not-found", status: 404, slug: clubSlug };
  return { kind: "club-found", name: clubSlug, slug: clubSlug };
}

/** Renders the page with a fresh store and waits until the saved settings are in the fields. */
export async function renderOptions({
  settings = EMPTY_SETTINGS,
  tokens = {},
  policy,
  deps = {},
  welcome = false,
  onDismissWelcome,
}: {
  settings?: StoredSettings;
  tokens?: Record<string, string>;
  /** What the organisation's policy says; none by default. */
  policy?: PolicyReport;
  /** Replaces some of the fake background's deps, e.g. the real settings reader. */
  deps?: Partial<OptionsDeps>;
  /** Opened as the first install's welcome. */
  welcome?: boolean;
  onDismissWelcome?: () => void;
} = {}) {
  const background = fakeBackground(settings, tokens, policy);
  const store = createOptionsStore({ ...background.deps, ...deps });
  render(<App store={store} welcome={welcome} onDismissWelcome={onDismissWelcome} />);
  await act(() => store.loading);
  return { ...background, store };
}

/** An input or select found by its label, as a person finds it. */
export function field(label: string): HTMLInputElement {
  return screen.getByLabelText(label) as HTMLInputElement;
}

/** Types into a field (an input event, as typing makes). */
export function type(label: string, value: string): void {
  fireEvent.input(field(label), { target: { value } });
}

/** Picks an environment; a new connection starts with none. */
export function chooseEnvironment(value: string): void {
  fireEvent.change(screen.getByRole("combobox", { name: "Environment" }), { target: { value } });
}

/** Presses a button by its name. */
export function click(name: string): void {
  fireEvent.click(screen.getByRole("button", { name }));
}

/** The text of the page's alert, or "" when there is none. */
export function alertText(): string {
  return screen.queryByRole("alert")?.textContent ?? "";
}

/** The text of the page's one role=status region. */
export function statusText(): string {
  return screen.getByRole("status").textContent ?? "";
}

/** The message shown next to a field: marked invalid, described by it, in the field's own block. */
export function expectProblemNextTo(label: string, message: string): void {
  const input = field(label);
  expect(input.getAttribute("aria-invalid")).toBe("true");
  expectDescribedBy(input, message);
}

/** The text is shown in the field's own block and is part of its accessible description. */
export function expectDescribedBy(input: HTMLElement, message: string): void {
  const shown = screen.getByText(message);
  expect(shown.id).not.toBe("");
  expect((input.getAttribute("aria-describedby") ?? "").split(" ")).toContain(shown.id);
  expect(input.closest(".field")?.contains(shown)).toBe(true);
}
