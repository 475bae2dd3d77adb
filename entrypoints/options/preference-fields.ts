import { NUMBER_PREFERENCE_RANGES, type NumberPreference, type Preferences } from "@/utils/settings";

/** The preferences the page edits as checkboxes. */
export type FlagPreference = "precheck" | "sendLogEnabled" | "toolbarOpensSidePanel";

/** The number preferences in the order the page shows them. */
export const NUMBER_PREFERENCES: readonly NumberPreference[] = [
  "recentSendMinutes",
  "sendLogRetentionDays",
  "sendLogMaxEntries",
];

/** Reads what was typed into a number preference: a whole number in its range, or null. */
export function parseNumberPreference(key: NumberPreference, text: string): number | null {
  const value = text.trim();
  if (!/^\d{1,6}$/u.test(value)) return null;
  const number = Number(value);
  const { min, max } = NUMBER_PREFERENCE_RANGES[key];
  return number >= min && number <= max ? number : null;
}

/** The number preferences as the page's text fields show them. */
export function numberPreferenceTexts(preferences: Preferences): Record<NumberPreference, string> {
  return {
    recentSendMinutes: String(preferences.recentSendMinutes),
    sendLogRetentionDays: String(preferences.sendLogRetentionDays),
    sendLogMaxEntries: String(preferences.sendLogMaxEntries),
  };
}
