import { batch, computed, signal } from "@preact/signals";
import { browser } from "wxt/browser";
import { ENVIRONMENT_BASE_URLS, type EnvironmentId, needsHostPermission } from "@/utils/environments";
import {
  type DeleteConnectionResult,
  type DraftReadResult,
  type FieldProblems,
  type PolicyRefusal,
  type SaveConnectionResult,
  type StorageFailure,
  type StoredChangeResult,
  sendToBackground,
  type TestConnectionResult,
} from "@/utils/messages";
import { NO_POLICY, type PolicyReport } from "@/utils/policy";
import type { ClubLanguages, ClubSummary, ReadResult } from "@/utils/send-outcome";
import {
  type Connection,
  EMPTY_SETTINGS,
  type NumberPreference,
  type Preferences,
  readSettingsReport,
  type SettingsReport,
  type StoredSettings,
  watchSettings,
} from "@/utils/settings";
import {
  type ConnectionDraft,
  type ConnectionDraftCheck,
  type ConnectionField,
  checkConnectionDraft,
  originPatternFor,
} from "@/utils/validation/connection";
import {
  type FlagPreference,
  NUMBER_PREFERENCES,
  numberPreferenceTexts,
  parseNumberPreference,
} from "./preference-fields";

/** What the options page needs from outside; tests pass fakes. */
export interface OptionsDeps {
  /** The saved settings (never the token), and how many stored connections could not be read. */
  readSettings(): Promise<SettingsReport>;
  /** Calls back when the saved settings change, e.g. the popup switched connection; returns a stop function. */
  watchSettings(onChange: () => void): () => void;
  readSavedToken(connectionId: string): Promise<string | null>;
  save(draft: ConnectionDraft): Promise<SaveConnectionResult>;
  test(draft: ConnectionDraft): Promise<TestConnectionResult>;
  /** The clubs the draft's token may use. */
  listClubs(draft: ConnectionDraft): Promise<DraftReadResult<ClubSummary[]>>;
  /** The languages of the draft's club. */
  getClubLanguages(draft: ConnectionDraft): Promise<DraftReadResult<ClubLanguages>>;
  forgetToken(connectionId: string): Promise<StoredChangeResult>;
  deleteConnection(connectionId: string): Promise<DeleteConnectionResult>;
  setActiveConnection(connectionId: string): Promise<StoredChangeResult>;
  setPreferences(changes: Partial<Preferences>): Promise<StoredChangeResult>;
  /** Asks for an optional host permission; must run inside the click that asked for it. */
  requestHostPermission(originPattern: string): Promise<boolean>;
}

/** The real dependencies: every write goes through the background. */
export const browserOptionsDeps: OptionsDeps = {
  readSettings: readSettingsReport,
  watchSettings,
  readSavedToken: async (id) => (await sendToBackground("getSavedToken", { id })).token,
  save: (draft) => sendToBackground("saveConnection", draft),
  test: (draft) => sendToBackground("testConnection", draft),
  listClubs: (draft) => sendToBackground("listClubs", draft),
  getClubLanguages: (draft) => sendToBackground("getClubLanguages", draft),
  forgetToken: (id) => sendToBackground("forgetToken", { id }),
  deleteConnection: (id) => sendToBackground("deleteConnection", { id }),
  setActiveConnection: (id) => sendToBackground("setActiveConnection", { id }),
  setPreferences: (changes) => sendToBackground("setPreferences", changes),
  requestHostPermission: (originPattern) => browser.permissions.request({ origins: [originPattern] }),
};

/** The last thing the page reports in its status or alert region. */
export type OptionsNotice =
  | {
      kind:
        | "saving"
        | "saved"
        | "notSaved"
        | "testing"
        | "notTested"
        | "tokenForgotten"
        | "clubsNotLoaded"
        | "preferencesSaved"
        | "preferencesNotSaved";
    }
  | { kind: "permissionDenied"; host: string }
  | { kind: "storageFailed"; reason: StorageFailure["reason"] }
  | { kind: "refusedByPolicy"; reason: PolicyRefusal["reason"] }
  | { kind: "tested"; result: TestConnectionResult }
  | { kind: "deleted" | "activated"; label: string };

/** Why a read for the form (club list, languages) failed: the API's answer, or the draft's problems. */
export type ReadFailure = Extract<ReadResult<unknown>, { ok: false }>["outcome"] | { kind: "draft-problems" };

/** A read the form depends on. */
export type ReadState<T> =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "loaded"; value: T }
  | { status: "failed"; failure: ReadFailure };

const IDLE: ReadState<never> = { status: "idle" };

const EMPTY_DRAFT: ConnectionDraft = {
  id: "",
  label: "",
  language: "",
  loginUrl: "",
  environment: "production",
  baseUrl: ENVIRONMENT_BASE_URLS.production,
  token: "",
  productName: "default",
  clubSlug: "",
  customerId: "",
  rememberToken: true,
};

/** Fields the club list depends on: a change makes the loaded list stale. */
const CLUB_LIST_FIELDS: ReadonlySet<keyof ConnectionDraft> = new Set([
  "environment",
  "baseUrl",
  "token",
  "productName",
  "customerId",
]);

/**
 * The options page's state: the saved connections, the form for the one being edited (with its
 * club list and languages), the desk's preferences, and the last notice.
 */
export function createOptionsStore(deps: OptionsDeps = browserOptionsDeps) {
  const loaded = signal(false);
  const settings = signal<StoredSettings>(EMPTY_SETTINGS);
  /** Stored connections the normalizer dropped (a base URL or club slug failed the checks). */
  const unreadableConnections = signal(0);
  /** The organisation's policy, already merged into `settings`: what it locks, and what it ignored. */
  const policy = signal<PolicyReport>({ policy: NO_POLICY, notes: [], managed: false });
  /** The saved connection in the form, or "" for a new one. */
  const editingId = signal("");
  const draft = signal<ConnectionDraft>(EMPTY_DRAFT);
  const hasSavedToken = signal(false);
  const problems = signal<FieldProblems>({});
  const notice = signal<OptionsNotice | null>(null);
  const busy = signal(false);
  /** The connection whose Delete waits for a confirmation. */
  const confirmingDeleteId = signal<string | null>(null);
  const clubs = signal<ReadState<ClubSummary[]>>(IDLE);
  const languages = signal<ReadState<ClubLanguages>>(IDLE);
  const preferenceTexts = signal<Record<NumberPreference, string>>(
    numberPreferenceTexts(EMPTY_SETTINGS.preferences),
  );
  const preferenceProblems = signal<Partial<Record<NumberPreference, true>>>({});

  const connections = computed(() => settings.value.connections);
  const editing = computed(() => connections.value.find((c) => c.id === editingId.value) ?? null);
  /**
   * The form's connection fields are the policy's: a policy connection (only its token is the
   * operator's), or a new one while the policy locks connections.
   */
  const fieldsSetByPolicy = computed(() =>
    editing.value === null ? policy.value.policy.lockConnections : editing.value.fromPolicy === true,
  );

  // Each read remembers the draft it was made for; an answer for an older draft is dropped.
  let clubsKey = "";
  let languagesKey = "";
  // Counts form openings, so a token read for a form left since is dropped.
  let opening = 0;

  async function refresh(): Promise<void> {
    const previous = settings.value;
    const { settings: next, unreadableConnections: unreadable, policy: read } = await deps.readSettings();
    batch(() => {
      settings.value = next;
      policy.value = read;
      unreadableConnections.value = unreadable;
      // A number field keeps what the operator is typing; an untouched one follows the saved value.
      const texts = { ...preferenceTexts.value };
      const before = numberPreferenceTexts(previous.preferences);
      const after = numberPreferenceTexts(next.preferences);
      for (const key of NUMBER_PREFERENCES) {
        if (!loaded.value || texts[key] === before[key]) texts[key] = after[key];
      }
      preferenceTexts.value = texts;
    });
    // The connection in the form was deleted elsewhere: show the active one instead.
    if (loaded.value && editingId.value !== "" && editing.value === null) await openActive();
  }

  const stopWatching = deps.watchSettings(() => void refresh());

  const loading = (async () => {
    await refresh();
    await openActive();
    loaded.value = true;
  })();

  /** Opens the active connection in the form, or a new one when none is saved. */
  async function openActive(): Promise<void> {
    const { activeConnectionId } = settings.value;
    if (activeConnectionId === null) newConnection();
    else await edit(activeConnectionId);
  }

  /** Opens a saved connection in the form, its token masked, and loads its clubs and languages. */
  async function edit(id: string): Promise<void> {
    const connection = connections.value.find((c) => c.id === id);
    if (connection === undefined) return;
    const thisOpening = ++opening;
    const token = await deps.readSavedToken(id);
    if (thisOpening !== opening) return;
    batch(() => {
      editingId.value = id;
      draft.value = draftOf(connection, token ?? "");
      hasSavedToken.value = token !== null;
      problems.value = {};
      confirmingDeleteId.value = null;
      resetReads();
    });
    if (token !== null) {
      void loadClubs("auto");
      void loadLanguages();
    }
  }

  /** Opens an empty form for a new connection. */
  function newConnection(): void {
    opening++;
    batch(() => {
      editingId.value = "";
      draft.value = EMPTY_DRAFT;
      hasSavedToken.value = false;
      problems.value = {};
      confirmingDeleteId.value = null;
      resetReads();
    });
  }

  function resetReads(): void {
    clubsKey = "";
    languagesKey = "";
    clubs.value = IDLE;
    languages.value = IDLE;
  }

  /** Changes one field; picking a named environment puts its base URL in place. */
  function update<K extends keyof ConnectionDraft>(key: K, value: ConnectionDraft[K]): void {
    const next = { ...draft.value, [key]: value };
    if (key === "environment" && value !== "custom") {
      next.baseUrl = ENVIRONMENT_BASE_URLS[value as Exclude<EnvironmentId, "custom">];
    }
    batch(() => {
      draft.value = next;
      if (key in problems.value) {
        const { [key as ConnectionField]: _cleared, ...rest } = problems.value;
        problems.value = rest;
      }
      // A list read with other values no longer describes this form.
      if (CLUB_LIST_FIELDS.has(key) && clubsKey !== "" && clubsKey !== clubListKey(next)) {
        clubsKey = "";
        clubs.value = IDLE;
      }
      if (languagesKey !== "" && languagesKey !== languagesKeyOf(next)) {
        languagesKey = "";
        languages.value = IDLE;
      }
    });
  }

  /** Puts a club from the list into the form and loads its languages. */
  function chooseClub(club: ClubSummary): void {
    const label = draft.value.label.trim();
    const listed = clubs.value.status === "loaded" ? clubs.value.value : [];
    // A name that only repeated another club's name or slug would now name the wrong mall; left
    // empty, the background names the connection after the new club.
    const namedAfterAClub =
      label === editing.value?.clubSlug || listed.some((c) => label === c.name || label === c.slug);
    update("clubSlug", club.slug);
    if (label !== "" && namedAfterAClub) update("label", "");
    void loadLanguages();
  }

  /**
   * Loads the clubs the form's token may use. "click" comes from the Load clubs button: it shows the
   * form's problems and may ask for a host permission (before any await, as the browser requires).
   * "auto" (opening a connection, leaving the token field) stays quiet when the form is not ready.
   */
  async function loadClubs(trigger: "auto" | "click"): Promise<void> {
    const listDraft: ConnectionDraft = {
      ...draft.value,
      clubSlug: "",
      label: "",
      language: "",
      loginUrl: "",
    };
    const check = checkConnectionDraft(listDraft, hasSavedToken.value, { clubOptional: true });
    if (!check.ok) {
      if (trigger === "click") {
        problems.value = { ...problems.value, ...check.problems };
        notice.value = { kind: "clubsNotLoaded" };
      }
      return;
    }
    const key = clubListKey(draft.value);
    if (trigger === "auto" && key === clubsKey) return;
    const baseUrl = check.connection.baseUrl;
    if (trigger === "click" && needsHostPermission(baseUrl)) {
      const granted = await deps.requestHostPermission(originPatternFor(baseUrl));
      if (!granted) {
        clubsKey = key;
        clubs.value = {
          status: "failed",
          failure: { kind: "host-permission-missing", host: new URL(baseUrl).host },
        };
        return;
      }
    }
    clubsKey = key;
    clubs.value = { status: "loading" };
    const result = await deps.listClubs(checkedDraft(editingId.value, check, ""));
    if (clubsKey !== key) return;
    clubs.value = readStateOf(result);
  }

  /** Loads the languages of the form's club, when the form names a token and a club. */
  async function loadLanguages(): Promise<void> {
    const languageDraft: ConnectionDraft = { ...draft.value, label: "", language: "", loginUrl: "" };
    const check = checkConnectionDraft(languageDraft, hasSavedToken.value);
    if (!check.ok) return;
    const key = languagesKeyOf(draft.value);
    if (key === languagesKey) return;
    languagesKey = key;
    languages.value = { status: "loading" };
    const result = await deps.getClubLanguages(checkedDraft(editingId.value, check, ""));
    if (languagesKey !== key) return;
    languages.value = readStateOf(result);
  }

  /**
   * Checks the draft, asks for a host permission when the base URL needs one, then saves through
   * the background. The permission request comes first and without an await before it, because
   * browsers only grant it inside the user's click.
   */
  async function save(): Promise<void> {
    if (busy.value) return;
    const check = checkConnectionDraft(draft.value, hasSavedToken.value);
    if (!check.ok) {
      problems.value = check.problems;
      notice.value = { kind: "notSaved" };
      return;
    }
    busy.value = true;
    try {
      const baseUrl = check.connection.baseUrl;
      if (needsHostPermission(baseUrl) && !(await deps.requestHostPermission(originPatternFor(baseUrl)))) {
        notice.value = { kind: "permissionDenied", host: new URL(baseUrl).host };
        return;
      }
      notice.value = { kind: "saving" };
      const checked = checkedDraft(editingId.value, check, draft.value.label);
      const result = await deps.save(checked);
      if (!result.ok && "reason" in result) {
        notice.value = failureNotice(result);
        return;
      }
      if (!result.ok) {
        problems.value = result.problems;
        notice.value = { kind: "notSaved" };
        return;
      }
      await refresh();
      const saved = connections.value.find((c) => c.id === result.id);
      batch(() => {
        problems.value = {};
        hasSavedToken.value = hasSavedToken.value || check.token !== null;
        editingId.value = result.id;
        // The fields show what was stored: trimmed, the named environment's base URL, the name
        // the background gave it.
        draft.value = { ...checked, id: result.id, label: saved?.label ?? checked.label };
        notice.value = { kind: "saved" };
      });
    } finally {
      busy.value = false;
    }
  }

  /** Tests the form's values (or the saved token) against GET /v3/loyalty_clubs/{slug}. */
  async function testConnection(): Promise<void> {
    if (busy.value) return;
    const check = checkConnectionDraft(draft.value, hasSavedToken.value);
    if (!check.ok) {
      problems.value = check.problems;
      notice.value = { kind: "notTested" };
      return;
    }
    busy.value = true;
    notice.value = { kind: "testing" };
    try {
      const baseUrl = check.connection.baseUrl;
      if (needsHostPermission(baseUrl) && !(await deps.requestHostPermission(originPatternFor(baseUrl)))) {
        notice.value = { kind: "permissionDenied", host: new URL(baseUrl).host };
        return;
      }
      const result = await deps.test(checkedDraft(editingId.value, check, draft.value.label));
      if (!result.ok) problems.value = result.problems;
      notice.value = { kind: "tested", result };
    } finally {
      busy.value = false;
    }
  }

  /** Removes the token of the connection in the form from this computer. */
  async function forgetToken(): Promise<void> {
    const result = await deps.forgetToken(editingId.value);
    await refresh();
    if (!result.ok) {
      notice.value = { kind: "storageFailed", reason: result.reason };
      return;
    }
    batch(() => {
      hasSavedToken.value = false;
      draft.value = { ...draft.value, token: "" };
      notice.value = { kind: "tokenForgotten" };
    });
  }

  /** Makes a saved connection the one sends use. */
  async function makeActive(id: string): Promise<void> {
    const connection = connections.value.find((c) => c.id === id);
    if (connection === undefined || busy.value) return;
    busy.value = true;
    try {
      const result = await deps.setActiveConnection(id);
      await refresh();
      notice.value = result.ok
        ? { kind: "activated", label: connection.label }
        : { kind: "storageFailed", reason: result.reason };
    } finally {
      busy.value = false;
    }
  }

  /** Asks to confirm deleting a saved connection; nothing is deleted yet. */
  function askToDelete(id: string | null): void {
    confirmingDeleteId.value = id;
  }

  /** Deletes the connection waiting for confirmation, and its token. */
  async function confirmDelete(): Promise<void> {
    const id = confirmingDeleteId.value;
    const connection = connections.value.find((c) => c.id === id);
    if (connection === undefined || busy.value) return;
    busy.value = true;
    try {
      const result = await deps.deleteConnection(connection.id);
      confirmingDeleteId.value = null;
      await refresh();
      if (!result.ok) {
        notice.value = failureNotice(result);
        return;
      }
      if (editingId.value === connection.id) await openActive();
      notice.value = { kind: "deleted", label: connection.label };
    } finally {
      busy.value = false;
    }
  }

  /** Saves a checkbox preference at once. */
  async function setFlag(key: FlagPreference, value: boolean): Promise<void> {
    await savePreferences({ [key]: value });
  }

  /** Saves preferences and says whether they were stored; a refused write leaves the saved ones. */
  async function savePreferences(changes: Partial<Preferences>): Promise<void> {
    const result = await deps.setPreferences(changes);
    await refresh();
    notice.value = result.ok
      ? { kind: "preferencesSaved" }
      : { kind: "storageFailed", reason: result.reason };
  }

  /** Keeps what is typed into a number preference; it is checked and saved by commitNumber. */
  function typeNumber(key: NumberPreference, text: string): void {
    batch(() => {
      preferenceTexts.value = { ...preferenceTexts.value, [key]: text };
      if (preferenceProblems.value[key]) {
        const { [key]: _cleared, ...rest } = preferenceProblems.value;
        preferenceProblems.value = rest;
      }
    });
  }

  /** Checks a number preference once the operator leaves it, and saves it when it changed. */
  async function commitNumber(key: NumberPreference): Promise<void> {
    const value = parseNumberPreference(key, preferenceTexts.value[key]);
    if (value === null) {
      preferenceProblems.value = { ...preferenceProblems.value, [key]: true };
      notice.value = { kind: "preferencesNotSaved" };
      return;
    }
    preferenceTexts.value = { ...preferenceTexts.value, [key]: String(value) };
    if (value === settings.value.preferences[key]) return;
    await savePreferences({ [key]: value });
  }

  return {
    loaded,
    loading,
    settings,
    unreadableConnections,
    policy,
    fieldsSetByPolicy,
    connections,
    editingId,
    editing,
    draft,
    hasSavedToken,
    problems,
    notice,
    busy,
    confirmingDeleteId,
    clubs,
    languages,
    preferenceTexts,
    preferenceProblems,
    refresh,
    edit,
    newConnection,
    openActive,
    update,
    chooseClub,
    loadClubs,
    loadLanguages,
    save,
    testConnection,
    forgetToken,
    makeActive,
    askToDelete,
    confirmDelete,
    setFlag,
    typeNumber,
    commitNumber,
    dispose: stopWatching,
  };
}

/** The notice for a refused change: the browser's storage, or the organisation's policy. */
function failureNotice(failure: StorageFailure | PolicyRefusal): OptionsNotice {
  return failure.reason === "set-by-policy" || failure.reason === "custom-url-not-allowed"
    ? { kind: "refusedByPolicy", reason: failure.reason }
    : { kind: "storageFailed", reason: failure.reason };
}

/** The form's values for a saved connection. */
function draftOf(connection: Connection, token: string): ConnectionDraft {
  return {
    id: connection.id,
    label: connection.label,
    language: connection.language,
    loginUrl: connection.loginUrl,
    environment: connection.environment,
    baseUrl: connection.baseUrl,
    token,
    productName: connection.productName,
    clubSlug: connection.clubSlug,
    customerId: connection.customerId,
    rememberToken: connection.rememberToken,
  };
}

/**
 * The draft as checked: trimmed values, the named environment's base URL, "" to keep the saved
 * token. The name stays as typed: left empty, the background names the connection after the club.
 */
function checkedDraft(
  id: string,
  check: Extract<ConnectionDraftCheck, { ok: true }>,
  label: string,
): ConnectionDraft {
  return { ...check.connection, id, label: label.trim(), token: check.token ?? "" };
}

function clubListKey(draft: ConnectionDraft): string {
  return JSON.stringify([draft.environment, draft.baseUrl, draft.token, draft.productName, draft.customerId]);
}

function languagesKeyOf(draft: ConnectionDraft): string {
  return JSON.stringify([clubListKey(draft), draft.clubSlug.trim()]);
}

function readStateOf<T>(result: DraftReadResult<T>): ReadState<T> {
  if (result.ok) return { status: "loaded", value: result.value };
  return { status: "failed", failure: "outcome" in result ? result.outcome : { kind: "draft-problems" } };
}

/** The options page's store, as passed to its components. */
export type OptionsStore = ReturnType<typeof createOptionsStore>;
