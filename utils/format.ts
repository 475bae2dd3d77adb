import { t, uiLocale } from "./i18n";

/*
 * Every date, number and name a person reads is formatted here, in the catalog's language
 * (uiLocale), never from getUILanguage() or toLocaleString() alone: a Norwegian screen in a
 * browser whose UI language is en-US must still read "1. des. 08:07" and "5 000".
 * The formatters are made once per page: Intl constructors are slow enough to matter per cell.
 */

let cached: { locale: string; formats: Formats } | undefined;

/** The page's formatters, in the catalog's language. */
export interface Formats {
  locale: string;
  /** 5 000 (nb), 5,000 (en). */
  number: Intl.NumberFormat;
  /** A date and time to the second, for a title or a log row. */
  dateTime: Intl.DateTimeFormat;
  /** A date in the current year, without the year. */
  dateThisYear: Intl.DateTimeFormat;
  /** A date with its year. */
  date: Intl.DateTimeFormat;
  /** A time of day to the second. */
  time: Intl.DateTimeFormat;
  /** "2 minutes ago", "for 2 minutter siden". */
  relative: Intl.RelativeTimeFormat;
}

/** The formatters for the catalog's language, made on first use. */
export function formats(): Formats {
  const locale = uiLocale();
  if (cached?.locale === locale) return cached.formats;
  const made: Formats = {
    locale,
    number: new Intl.NumberFormat(locale),
    dateTime: new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" }),
    dateThisYear: new Intl.DateTimeFormat(locale, { month: "short", day: "numeric" }),
    date: new Intl.DateTimeFormat(locale, { dateStyle: "medium" }),
    time: new Intl.DateTimeFormat(locale, { timeStyle: "medium" }),
    relative: new Intl.RelativeTimeFormat(locale, { numeric: "auto" }),
  };
  cached = { locale, formats: made };
  return made;
}

/** A count in the catalog's language: 5 000 in Norwegian, 5,000 in English. */
export function formatNumber(value: number): string {
  return formats().number.format(value);
}

/** A moment as date and time, e.g. for a title attribute. */
export function formatDateTime(at: number): string {
  return formats().dateTime.format(at);
}

/**
 * How long ago `at` was, relative to `now`: the catalog's "just now" under a minute (Intl's
 * "0 minutes ago" reads as a bug and its "now" as a clock), then minutes, hours and days.
 */
export function formatTimeAgo(at: number, now: number): string {
  const relative = formats().relative;
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 60) return t("popup_justNow");
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return relative.format(-minutes, "minute");
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return relative.format(-hours, "hour");
  return relative.format(-Math.floor(hours / 24), "day");
}

/** A language's name in the catalog's language ("norsk" on a Norwegian screen); the code when unknown. */
export function languageName(code: string): string {
  return displayName(code, "language");
}

/** A country's name in the catalog's language; the code when unknown. */
export function regionName(code: string): string {
  return displayName(code, "region");
}

function displayName(code: string, type: "language" | "region"): string {
  try {
    return new Intl.DisplayNames([uiLocale()], { type }).of(code) ?? code;
  } catch {
    // An invalid code (a hand-edited setting) throws a RangeError.
    return code;
  }
}

const unitFormats = new Map<string, Intl.NumberFormat>();

/** A formatter for a measure ("3 minutes", "3 minutter"; "2 MB") in the catalog's language, made once. */
export function unitFormat(
  unit: "second" | "minute" | "hour" | "megabyte",
  display: "long" | "short" = "long",
): Intl.NumberFormat {
  const locale = uiLocale();
  const key = `${locale}|${unit}|${display}`;
  let made = unitFormats.get(key);
  if (made === undefined) {
    made = new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: display });
    unitFormats.set(key, made);
  }
  return made;
}
