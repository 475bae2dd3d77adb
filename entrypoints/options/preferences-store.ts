import { batch, signal } from "@preact/signals";
import {
  EMPTY_SETTINGS,
  type NumberPreference,
  type Preferences,
  type StoredSettings,
} from "@/utils/settings";
import type { OptionsPage } from "./page";
import {
  type FlagPreference,
  NUMBER_PREFERENCES,
  numberPreferenceTexts,
  parseNumberPreference,
} from "./preference-fields";

/** The desk's preferences: checkboxes saved at once, numbers checked and saved when left. */
export function createPreferencesStore(page: OptionsPage) {
  const { deps, notice, settings } = page;
  const preferenceTexts = signal<Record<NumberPreference, string>>(
    numberPreferenceTexts(EMPTY_SETTINGS.preferences),
  );
  const preferenceProblems = signal<Partial<Record<NumberPreference, true>>>({});

  // A number field keeps what the operator is typing; an untouched one follows the saved value.
  page.afterRefresh((previous: StoredSettings) => {
    const texts = { ...preferenceTexts.value };
    const before = numberPreferenceTexts(previous.preferences);
    const after = numberPreferenceTexts(settings.value.preferences);
    for (const key of NUMBER_PREFERENCES) {
      if (!page.loaded.value || texts[key] === before[key]) texts[key] = after[key];
    }
    preferenceTexts.value = texts;
  });

  /** Saves preferences and says whether they were stored; a refused write leaves the saved ones. */
  async function savePreferences(changes: Partial<Preferences>): Promise<void> {
    const result = await deps.setPreferences(changes);
    await page.refresh();
    notice.value = result.ok
      ? { kind: "preferencesSaved" }
      : { kind: "storageFailed", reason: result.reason };
  }

  /** Saves a checkbox preference at once. */
  async function setFlag(key: FlagPreference, value: boolean): Promise<void> {
    await savePreferences({ [key]: value });
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
      batch(() => {
        preferenceProblems.value = { ...preferenceProblems.value, [key]: true };
        notice.value = { kind: "preferencesNotSaved" };
      });
      return;
    }
    preferenceTexts.value = { ...preferenceTexts.value, [key]: String(value) };
    if (value === settings.value.preferences[key]) return;
    await savePreferences({ [key]: value });
  }

  return { preferenceTexts, preferenceProblems, setFlag, typeNumber, commitNumber };
}
