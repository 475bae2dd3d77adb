import { browser } from "wxt/browser";
import {
  type DeleteConnectionResult,
  type DraftReadResult,
  type SaveConnectionResult,
  type StoredChangeResult,
  sendToBackground,
  type TestConnectionResult,
} from "@/utils/messages";
import type { ClubLanguages, ClubSummary } from "@/utils/send-outcome";
import { type Preferences, readSettingsReport, type SettingsReport, watchSettings } from "@/utils/settings";
import type { ConnectionDraft } from "@/utils/validation/connection";

/** What the options page needs from outside; tests pass fakes. */
export interface OptionsDeps {
  /** The saved settings (never the token), and how many stored connections could not be read. */
  readSettings(): Promise<SettingsReport>;
  /** Calls back when the saved settings change, e.g. the popup switched connection; returns a stop function. */
  watchSettings(onChange: () => void): () => void;
  readSavedToken(connectionId: string): Promise<string | null>;
  /** Saves and tests at once; the answer says whether the connection became the active one. */
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
