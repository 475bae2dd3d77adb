import { browser } from "wxt/browser";
import type { PolicyReport } from "./policy";
import { SETTINGS_KEY, type StoredSettings } from "./settings-schema";

// The settings as pages read and watch them. The shape, defaults and key are settings-schema.ts's
// (re-exported here, so a page imports one module); the background reads and writes through its
// versioned storage item (entrypoints/background/settings-item.ts), whose migrations run when the
// background starts. Pages never migrate and never write: what they read is parsed as the current
// shape, and an older value is replaced by the background's migrated one, which watchSettings
// reports.

export {
  activeConnection,
  type Connection,
  DEFAULT_PREFERENCES,
  EMPTY_SETTINGS,
  NUMBER_PREFERENCE_RANGES,
  type NumberPreference,
  type Preferences,
  SETTINGS_KEY,
  SETTINGS_VERSION,
  type StoredSettings,
} from "./settings-schema";

/**
 * Reads the settings in effect: storage.local's, with the organisation's policy merged over them
 * (utils/settings-policy.ts). Pages use this rather than the storage library so the popup stays
 * within its size budget; it never writes (the background owns writes).
 */
export async function readSettings(): Promise<StoredSettings> {
  // The parsers load while storage answers: they would push the popup's up-front bytes over
  // budget. Both storage reads start at once, the managed one not after the policy's parser.
  const [raw, normalizer, policy, merge] = await Promise.all([
    readRaw(),
    import("./settings-normalize"),
    readPolicyBeside(),
    import("./settings-policy"),
  ]);
  return merge.applyPolicy(normalizer.normalizeSettings(raw), policy.policy);
}

/** The settings as read, and how many stored connections they leave out because they cannot be read. */
export interface SettingsReport {
  settings: StoredSettings;
  /** Shown by the options page, so a connection that vanished is saved again rather than searched for. */
  unreadableConnections: number;
  /** The organisation's policy, already merged into `settings`; the options page shows what it locks. */
  policy: PolicyReport;
}

/**
 * readSettings for the options page, with a count of the connections the parser dropped and the
 * policy, from the same reads. Apart from readSettings, which the popup loads up front.
 */
export async function readSettingsReport(): Promise<SettingsReport> {
  const [raw, normalizer, merge, policy] = await Promise.all([
    readRaw(),
    import("./settings-normalize"),
    import("./settings-policy"),
    readPolicyBeside(),
  ]);
  const report = normalizer.reportSettings(raw);
  return { ...report, settings: merge.applyPolicy(report.settings, policy.policy), policy };
}

/** The policy, its storage.managed read started before its parser's chunk has loaded. */
async function readPolicyBeside(): Promise<PolicyReport> {
  // A read that fails (no managed storage) is readPolicy's to read as "no policy", once loaded.
  const managed = Promise.resolve().then(() => browser.storage.managed.get(null));
  managed.catch(() => {});
  return (await import("./policy")).readPolicy(() => managed);
}

async function readRaw(): Promise<unknown> {
  return (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
}

/**
 * Calls back whenever the settings in effect change: the stored ones, or the organisation's
 * policy (storage.managed, which IT may change while the browser runs). Returns a stop function.
 */
export function watchSettings(onChange: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if ((area === "local" && SETTINGS_KEY in changes) || area === "managed") onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
