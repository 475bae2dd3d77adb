import type { StoredSettings } from "@/utils/settings";
import { settingsItem } from "@/utils/settings-item";
import { normalizeSettings } from "@/utils/settings-normalize";
import { createSerialQueue } from "./serial-queue";

/** A change to the settings: the new value, or null to leave them as they are. */
export type SettingsChange = (current: StoredSettings) => StoredSettings | null;

/** What an update did: the settings before and after it (the same when nothing changed). */
export type SettingsUpdate = { ok: true; before: StoredSettings; after: StoredSettings };

// One queue for the one settings key, however many deps objects share this module: two pages
// changing different settings at the same moment (the popup's channel and connection) would
// otherwise each write back what the other had not yet written, and one change would be lost.
const inOrder = createSerialQueue();

/** The settings as this build reads them; through the storage item, so its migrations have run. */
export async function readSettings(): Promise<StoredSettings> {
  return normalizeSettings(await settingsItem.getValue());
}

/** The background's only settings write: read -> change -> write, one update at a time. */
export function updateSettings(change: SettingsChange): Promise<SettingsUpdate> {
  return inOrder(async () => {
    const before = await readSettings();
    const after = change(before);
    if (after === null) return { ok: true, before, after: before };
    await settingsItem.setValue(after);
    return { ok: true, before, after };
  });
}
