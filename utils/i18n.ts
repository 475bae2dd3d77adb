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
 * The language the catalog was picked for, as a BCP 47 tag, for `<html lang>` and Intl formatting.
 * Chrome's @@ui_locale names the catalog's locale; getUILanguage() can differ from it (headless
 * Chromium started with --lang=nb answers en-US there while showing the nb catalog).
 */
export function uiLocale(): string {
  const catalogLocale = browser.i18n.getMessage("@@ui_locale");
  return (catalogLocale || browser.i18n.getUILanguage() || "en").replace("_", "-");
}

/** Keys that come as a plural pair `<base>_one` / `<base>_other`. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}_one`
    ? `${Base}_other` extends MessageKey
      ? Base
      : never
    : never;
}[MessageKey];

/**
 * A message with a count: `<key>_one` or `<key>_other` by the UI language's plural rules, with the
 * count formatted for the locale as the first substitution. Languages with more plural forms than
 * one/other (none of ours today) fall back to `_other`.
 */
export function tPlural(key: PluralKey, count: number, ...more: Array<string | number>): string {
  const locale = uiLocale();
  const form = new Intl.PluralRules(locale).select(count) === "one" ? "one" : "other";
  return t(`${key}_${form}` as MessageKey, new Intl.NumberFormat(locale).format(count), ...more);
}
