import type { StoredChangeResult } from "@/utils/messages";
import type { Preferences } from "@/utils/settings";
import type { BackgroundDeps } from "./deps";
import { tokenFor } from "./token-store";

/**
 * Merges some preferences into the saved ones (message-parsers.ts refused unknown keys and values
 * the settings would not keep). Tighter history caps apply at once.
 */
export async function setPreferences(
  deps: BackgroundDeps,
  changes: Partial<Preferences>,
): Promise<StoredChangeResult> {
  const update = await deps.updateSettings((settings) => ({
    ...settings,
    preferences: { ...settings.preferences, ...changes },
  }));
  if (!update.ok) return { ok: false, reason: update.reason };
  const { before, after } = update;
  const { historyMaxEntries, historyRetentionDays } = after.preferences;
  if (
    historyMaxEntries < before.preferences.historyMaxEntries ||
    historyRetentionDays < before.preferences.historyRetentionDays
  ) {
    // The preferences this change did not touch; also right when the write was refused.
    await deps.sendLog.prune(before.preferences, deps.now());
  }
  return { ok: true };
}

/** Empties the send log. */
export async function clearSendLog(deps: BackgroundDeps): Promise<null> {
  await deps.sendLog.clear();
  return null;
}

/**
 * After a browser start or an extension update storage.session is empty: connections whose token
 * was kept for the session only have none now. Also applies the send log's age cap, which
 * otherwise runs only when something is sent.
 */
export async function onBrowserStart(deps: BackgroundDeps): Promise<void> {
  const tokens = await deps.readTokens();
  const { before } = await deps.updateSettings((settings) => {
    const connections = settings.connections.map((c) =>
      !c.rememberToken && c.hasToken && tokenFor(tokens, c.id, false) === null
        ? { ...c, hasToken: false }
        : c,
    );
    return connections.some((c, i) => c !== settings.connections[i]) ? { ...settings, connections } : null;
  });
  // The preferences this change did not touch; also right when the write was refused.
  await deps.sendLog.prune(before.preferences, deps.now());
}
