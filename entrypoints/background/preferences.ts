import type { StoredChangeResult } from "@/utils/messages";
import type { Preferences } from "@/utils/settings";
import type { BackgroundDeps } from "./deps";

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
  const { sendLogMaxEntries, sendLogRetentionDays } = after.preferences;
  if (
    sendLogMaxEntries < before.preferences.sendLogMaxEntries ||
    sendLogRetentionDays < before.preferences.sendLogRetentionDays
  ) {
    // The preferences this change did not touch; also right when the write was refused.
    await deps.sendLog.prune(before.preferences, deps.now());
  }
  return { ok: true };
}
