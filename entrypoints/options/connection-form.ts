import { batch, computed, signal } from "@preact/signals";
import { ENVIRONMENT_BASE_URLS, type EnvironmentId, needsHostPermission } from "@/utils/environments";
import type { FieldProblems } from "@/utils/messages";
import { type ConnectionCheckOutcome, connectionCheckPassed } from "@/utils/send-outcome";
import type { Connection } from "@/utils/settings";
import {
  type ConnectionDraft,
  type ConnectionField,
  checkConnectionDraft,
  originPatternFor,
} from "@/utils/validation/connection";
import { CLUB_LIST_FIELDS, checkedDraft, createClubReads } from "./club-reads";
import { failureNotice, type OptionsPage } from "./page";

/** Each field's input id, in the form's order: focus goes to the first one with a problem. */
export const FIELD_INPUT_IDS: Record<ConnectionField, string> = {
  environment: "environment",
  baseUrl: "base-url",
  token: "client-token",
  productName: "product-name",
  clubSlug: "club-slug",
  label: "connection-label",
  customerId: "customer-id",
  language: "language",
  loginUrl: "login-url",
};

/** A test Placewise answered with a refusal: the token (401) or the club (404). */
export type Rejection = "token-rejected" | "club-not-found";

/** The field a refusal is shown next to. */
export const REJECTED_FIELD: Record<Rejection, ConnectionField> = {
  "token-rejected": "token",
  "club-not-found": "clubSlug",
};

// No environment is chosen for a new connection, so nobody lands on production by accident.
const EMPTY_DRAFT: ConnectionDraft = {
  id: "",
  label: "",
  language: "",
  loginUrl: "",
  environment: "",
  baseUrl: "",
  token: "",
  productName: "default",
  clubSlug: "",
  customerId: "",
  rememberToken: true,
};

/** The form for one connection (new, or a saved one), its reads, Save, Test and Forget token. */
export function createConnectionForm(page: OptionsPage) {
  const { deps, notice, busy } = page;
  /** The saved connection in the form, or "" for a new one. */
  const editingId = signal("");
  const draft = signal<ConnectionDraft>(EMPTY_DRAFT);
  const hasSavedToken = signal(false);
  const problems = signal<FieldProblems>({});
  /** What Placewise refused in the last Save or Test of this form; shown next to its field. */
  const rejection = signal<Rejection | null>(null);
  /**
   * Saved connections whose last test in this visit was refused, for the list. Kept in the page's
   * state, not in settings: it is what this page saw, and a stored mark would outlive the token
   * being fixed in Placewise.
   */
  const failing = signal<Readonly<Record<string, Rejection>>>({});
  const reads = createClubReads(page, { draft, editingId, hasSavedToken, problems });
  const editing = computed(() => page.connections.value.find((c) => c.id === editingId.value) ?? null);
  // Counts form openings, so a token read for a form left since is dropped.
  let opening = 0;

  /** Opens the active connection in the form, or a new one when none is saved. */
  async function openActive(): Promise<void> {
    const { activeConnectionId } = page.settings.value;
    if (activeConnectionId === null) newConnection();
    else await edit(activeConnectionId);
  }

  /** Opens a saved connection in the form, its token masked, and loads its clubs and languages. */
  async function edit(id: string): Promise<void> {
    const connection = page.connections.value.find((c) => c.id === id);
    if (connection === undefined) return;
    const thisOpening = ++opening;
    const token = await deps.readSavedToken(id);
    if (thisOpening !== opening) return;
    open(id, draftOf(connection, token ?? ""), token !== null);
    if (token !== null) {
      void reads.loadClubs("auto");
      void reads.loadLanguages();
    }
  }

  /** Opens an empty form for a new connection. */
  function newConnection(): void {
    opening++;
    open("", EMPTY_DRAFT, false);
  }

  function open(id: string, values: ConnectionDraft, tokenSaved: boolean): void {
    batch(() => {
      editingId.value = id;
      draft.value = values;
      hasSavedToken.value = tokenSaved;
      problems.value = {};
      rejection.value = failing.value[id] ?? null;
      reads.resetReads();
    });
  }

  /** Changes one field; picking a named environment puts its base URL in place. */
  function update<K extends keyof ConnectionDraft>(key: K, value: ConnectionDraft[K]): void {
    const next = { ...draft.value, [key]: value };
    if (key === "environment" && value !== "custom") {
      next.baseUrl = value === "" ? "" : ENVIRONMENT_BASE_URLS[value as Exclude<EnvironmentId, "custom">];
    }
    batch(() => {
      draft.value = next;
      if (key in problems.value) {
        const { [key as ConnectionField]: _cleared, ...rest } = problems.value;
        problems.value = rest;
      }
      // A refusal was about the values tested; editing the field it names, or what the test used, ends it.
      const refused = rejection.value;
      if (refused !== null && (REJECTED_FIELD[refused] === key || CLUB_LIST_FIELDS.has(key))) {
        rejection.value = null;
      }
      reads.dropStale(next, key);
    });
  }

  /** Puts a club from the list into the form and loads its languages. */
  function chooseClub(club: { slug: string }): void {
    const label = draft.value.label.trim();
    const state = reads.clubs.value;
    const listed = state.status === "loaded" ? state.value : [];
    // A name that only repeated another club's name or slug would now name the wrong mall; left
    // empty, the background names the connection after the new club.
    const namedAfterAClub =
      label === editing.value?.clubSlug || listed.some((c) => label === c.name || label === c.slug);
    update("clubSlug", club.slug);
    if (label !== "" && namedAfterAClub) update("label", "");
    void reads.loadLanguages();
  }

  /** Shows the form's problems and sends focus to the first of them. */
  function showProblems(found: FieldProblems, kind: "notSaved" | "notTested"): void {
    batch(() => {
      problems.value = found;
      notice.value = { kind };
    });
    focusFirstProblem();
  }

  function focusFirstProblem(): void {
    const field = (Object.keys(FIELD_INPUT_IDS) as ConnectionField[]).find((f) => f in problems.value);
    if (field !== undefined) page.requestFocus(FIELD_INPUT_IDS[field]);
  }

  /** Records what a test said about the connection `id` ("" for one not saved yet). */
  function recordCheck(id: string, check: ConnectionCheckOutcome): void {
    const refused: Rejection | null =
      check.kind === "token-rejected" || check.kind === "club-not-found" ? check.kind : null;
    rejection.value = refused;
    if (id !== "" && (refused !== null || connectionCheckPassed(check))) {
      const { [id]: _old, ...rest } = failing.value;
      failing.value = refused === null ? rest : { ...rest, [id]: refused };
    }
    if (refused !== null) page.requestFocus(FIELD_INPUT_IDS[REJECTED_FIELD[refused]]);
  }

  /** Asks for the base URL's host permission when it needs one; false (and said so) when refused. */
  async function hostAllowed(baseUrl: string): Promise<boolean> {
    if (!needsHostPermission(baseUrl) || (await deps.requestHostPermission(originPatternFor(baseUrl)))) {
      return true;
    }
    notice.value = { kind: "permissionDenied", host: new URL(baseUrl).host };
    page.requestFocus(FIELD_INPUT_IDS.baseUrl);
    return false;
  }

  /**
   * Checks the draft, asks for a host permission when the base URL needs one, then saves (and so
   * tests) through the background. The permission request comes first and without an await before
   * it, because browsers only grant it inside the user's click.
   */
  async function save(): Promise<void> {
    if (busy.value) return;
    const check = checkConnectionDraft(draft.value, hasSavedToken.value);
    if (!check.ok) return showProblems(check.problems, "notSaved");
    busy.value = true;
    try {
      if (!(await hostAllowed(check.connection.baseUrl))) return;
      notice.value = { kind: "saving" };
      const checked = checkedDraft(editingId.value, check, draft.value.label);
      const isNew = editingId.value === "";
      const result = await deps.save(checked);
      if (!result.ok && "reason" in result) {
        notice.value = failureNotice(result);
        return;
      }
      if (!result.ok) return showProblems(result.problems, "notSaved");
      await page.refresh();
      const saved = page.connections.value.find((c) => c.id === result.id);
      batch(() => {
        problems.value = {};
        hasSavedToken.value = hasSavedToken.value || check.token !== null;
        editingId.value = result.id;
        // The fields show what was stored: trimmed, the named environment's base URL, the name
        // the background gave it.
        draft.value = { ...checked, id: result.id, label: saved?.label ?? checked.label };
        notice.value = { kind: "saved", check: result.check, notActive: isNew && !result.active };
        recordCheck(result.id, result.check);
      });
    } finally {
      busy.value = false;
    }
  }

  /** Tests the form's values (or the saved token) against GET /v3/loyalty_clubs/{slug}. */
  async function testConnection(): Promise<void> {
    if (busy.value) return;
    const check = checkConnectionDraft(draft.value, hasSavedToken.value);
    if (!check.ok) return showProblems(check.problems, "notTested");
    busy.value = true;
    notice.value = { kind: "testing" };
    try {
      if (!(await hostAllowed(check.connection.baseUrl))) return;
      const result = await deps.test(checkedDraft(editingId.value, check, draft.value.label));
      if (!result.ok) return showProblems(result.problems, "notTested");
      notice.value = { kind: "tested", result };
      recordCheck(editingId.value, result.outcome);
    } finally {
      busy.value = false;
    }
  }

  /** Removes the token of the connection in the form from this computer. */
  async function forgetToken(): Promise<void> {
    const result = await deps.forgetToken(editingId.value);
    await page.refresh();
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

  return {
    editingId,
    editing,
    draft,
    hasSavedToken,
    problems,
    rejection,
    failing,
    clubs: reads.clubs,
    languages: reads.languages,
    loadClubs: reads.loadClubs,
    loadLanguages: reads.loadLanguages,
    openActive,
    edit,
    newConnection,
    update,
    chooseClub,
    save,
    testConnection,
    forgetToken,
  };
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
