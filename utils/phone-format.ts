import { parsePhoneNumberFromString } from "libphonenumber-js/mobile";

/**
 * An MSISDN (E.164 digits, no "+", as sent and stored) the way a person reads it: international
 * format, "+47 407 69 126". Digits libphonenumber cannot read keep their "+" and stay as they are.
 * Heavy (libphonenumber's metadata): pages import it on demand.
 */
export function formatMsisdn(msisdn: string): string {
  return parsePhoneNumberFromString(`+${msisdn}`)?.formatInternational() ?? `+${msisdn}`;
}
