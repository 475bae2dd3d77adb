import { browser } from "wxt/browser";
import type catalog from "../public/_locales/en/messages.json";

/** A key of the English catalog, which every other catalog must match. */
export type MessageKey = keyof typeof catalog;

/**
 * Looks up a user-visible string in the browser's message catalog (public/_locales). Substitutions
 * fill the message's placeholders in the order they first appear in the English text.
 */
export function t(key: MessageKey, ...substitutions: Array<string | number>): string {
  const text = browser.i18n.getMessage(key, substitutions.map(String));
  // An empty answer means a missing key; showing the key beats showing nothing.
  return text === "" ? key : text;
}

/**
 * The language of the words on screen, as a BCP 47 tag, for `<html lang>` and Intl formatting.
 * Each catalog names itself (key catalogLocale): neither getUILanguage() nor @@ui_locale can be
 * trusted for it (headless Chromium started with --lang=nb shows the nb catalog and answers en-US).
 */
export function uiLocale(): string {
  return browser.i18n.getMessage("catalogLocale") || browser.i18n.getUILanguage() || "en";
}
