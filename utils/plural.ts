import { type MessageKey, t, uiLocale } from "./i18n";

// Apart from i18n.ts because only the larger pages count things; the popup's bytes have a budget.

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
