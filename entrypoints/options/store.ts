import { signal } from "@preact/signals";
import { browser } from "wxt/browser";
import { ENVIRONMENT_BASE_URLS, type EnvironmentId, needsHostPermission } from "@/utils/environments";
import type { SaveConnectionResult } from "@/utils/messages";
import { sendToBackground, type TestConnectionResult } from "@/utils/messages";
import { activeConnection, readSettings, type StoredSettings } from "@/utils/settings";
import {
  type ConnectionDraft,
  type ConnectionDraftCheck,
  type ConnectionField,
  checkConnectionDraft,
  type FieldProblem,
  originPatternFor,
} from "@/utils/validation/connection";

/** What the options page needs from outside; tests pass fakes. */
export interface OptionsDeps {
  readSettings(): Promise<StoredSettings>;
  readSavedToken(connectionId: string): Promise<string | null>;
  save(draft: ConnectionDraft): Promise<SaveConnectionResult>;
  test(draft: ConnectionDraft): Promise<TestConnectionResult>;
  forgetToken(connectionId: string): Promise<void>;
  /** Asks for an optional host permission; must run inside the click that asked for it. */
  requestHostPermission(originPattern: string): Promise<boolean>;
}

/** The real dependencies: every write goes through the background. */
export const browserOptionsDeps: OptionsDeps = {
  readSettings,
  readSavedToken: async (id) => (await sendToBackground("getSavedToken", { id })).token,
  save: (draft) => sendToBackground("saveConnection", draft),
  test: (draft) => sendToBackground("testConnection", draft),
  forgetToken: async (id) => {
    await sendToBackground("forgetToken", { id });
  },
  requestHostPermission: (originPattern) => browser.permissions.request({ origins: [originPattern] }),
};

/** The last thing the page reports in its status or alert region. */
export type OptionsNotice =
  | { kind: "saving" | "saved" | "notSaved" | "testing" | "notTested" | "tokenForgotten" }
  | { kind: "permissionDenied"; host: string }
  | { kind: "tested"; result: TestConnectionResult };

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

/** The options page's state: the form draft, its problems, and the last notice. */
export function createOptionsStore(deps: OptionsDeps = browserOptionsDeps) {
  const loaded = signal(false);
  const draft = signal<ConnectionDraft>(EMPTY_DRAFT);
  const hasSavedToken = signal(false);
  const problems = signal<Partial<Record<ConnectionField, FieldProblem>>>({});
  const notice = signal<OptionsNotice | null>(null);
  const busy = signal(false);

  const loading = (async () => {
    const connection = activeConnection(await deps.readSettings());
    const token = connection === null ? null : await deps.readSavedToken(connection.id);
    if (connection !== null) {
      draft.value = {
        id: connection.id,
        label: connection.label,
        language: connection.language,
        loginUrl: connection.loginUrl,
        environment: connection.environment,
        baseUrl: connection.baseUrl,
        token: token ?? "",
        productName: connection.productName,
        clubSlug: connection.clubSlug,
        customerId: connection.customerId,
        rememberToken: connection.rememberToken,
      };
    }
    hasSavedToken.value = token !== null;
    loaded.value = true;
  })();

  /** Changes one field; picking a named environment puts its base URL in place. */
  function update<K extends keyof ConnectionDraft>(key: K, value: ConnectionDraft[K]): void {
    const next = { ...draft.value, [key]: value };
    if (key === "environment" && value !== "custom") {
      next.baseUrl = ENVIRONMENT_BASE_URLS[value as Exclude<EnvironmentId, "custom">];
    }
    draft.value = next;
    if (key in problems.value) {
      const { [key as ConnectionField]: _cleared, ...rest } = problems.value;
      problems.value = rest;
    }
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
      const checked = checkedDraft(draft.value.id, check);
      const result = await deps.save(checked);
      if (result.ok) {
        problems.value = {};
        hasSavedToken.value = hasSavedToken.value || check.token !== null;
        // The fields show what was stored: trimmed, and the named environment's base URL.
        draft.value = { ...checked, id: result.id };
        notice.value = { kind: "saved" };
      } else {
        problems.value = result.problems;
        notice.value = { kind: "notSaved" };
      }
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
      const result = await deps.test(checkedDraft(draft.value.id, check));
      if (!result.ok) problems.value = result.problems;
      notice.value = { kind: "tested", result };
    } finally {
      busy.value = false;
    }
  }

  /** Removes the token from this computer. */
  async function forgetToken(): Promise<void> {
    await deps.forgetToken(draft.value.id);
    hasSavedToken.value = false;
    draft.value = { ...draft.value, token: "" };
    notice.value = { kind: "tokenForgotten" };
  }

  return {
    loaded,
    loading,
    draft,
    hasSavedToken,
    problems,
    notice,
    busy,
    update,
    save,
    testConnection,
    forgetToken,
  };
}

/** The draft as checked: trimmed values, the named environment's base URL, "" to keep the saved token. */
function checkedDraft(id: string, check: Extract<ConnectionDraftCheck, { ok: true }>): ConnectionDraft {
  return { ...check.connection, id, token: check.token ?? "" };
}

/** The options page's store, as passed to its components. */
export type OptionsStore = ReturnType<typeof createOptionsStore>;
