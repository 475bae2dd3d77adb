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
