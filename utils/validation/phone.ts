import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/mobile";
import { findUnseenCharacter } from "./email";

/** Why a phone number was refused; each maps to a catalog message `phoneError_<problem>`. */
export type PhoneProblem = "empty" | "invisible" | "characters" | "notMobile";

/** A checked number: E.164 digits for the API, and the international form to show the operator. */
export type PhoneCheck =
  | { ok: true; msisdn: string; international: string }
  | { ok: false; problem: PhoneProblem };

/**
 * Reads a mobile number the way people paste it ("+47 407 69 126", "0047 40769126", "407 69 126")
 * into E.164 digits without "+" (the API's MSISDN format). Numbers without a country code take the
 * club's country. Uses libphonenumber's mobile metadata, so a valid landline is refused too: a
 * registration SMS cannot reach it. This module is heavy (the metadata): pages load it on demand.
 */
export function checkPhone(input: string, defaultCountry: string): PhoneCheck {
  const trimmed = input.trim();
  if (trimmed === "") return { ok: false, problem: "empty" };
  // Refused, not stripped, for the same reason as in an email address: a bidi control (U+202E)
  // shows the digits in another order than they are sent in, so a cleaned number could differ
  // from the one the operator read. Checked before the character list because \s lets U+FEFF in.
  if (findUnseenCharacter(trimmed) === "invisible") return { ok: false, problem: "invisible" };
  if (!/^[+\d\s().\-/]+$/u.test(trimmed)) return { ok: false, problem: "characters" };
  // "00" is the international prefix in most of Europe; libphonenumber only knows it per country.
  const international = trimmed.replace(/^00/u, "+");
  const country = /^[A-Z]{2}$/u.test(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(international, country);
  if (!parsed?.isValid()) return { ok: false, problem: "notMobile" };
  return { ok: true, msisdn: parsed.number.slice(1), international: parsed.formatInternational() };
}

/** Whether a string is already an E.164 MSISDN that libphonenumber accepts as a mobile number. */
export function isValidMsisdn(msisdn: string): boolean {
  return /^[1-9]\d{7,14}$/u.test(msisdn) && parsePhoneNumberFromString(`+${msisdn}`)?.isValid() === true;
}
