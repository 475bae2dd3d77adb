import { parsePhoneNumberFromString } from "libphonenumber-js/mobile";
import type { Channel } from "./channel";

/**
 * An MSISDN (E.164 digits, no "+", as sent and stored) the way a person reads it: international
 * format, "+47 40 76 91 26". Digits libphonenumber cannot read keep their "+" and stay as they are.
 * Heavy (libphonenumber's metadata): the popup imports it on demand; the send log and Bulk pages,
 * which have no byte budget, import it normally. The wire and CSV keep the E.164 digits.
 */
export function formatMsisdn(msisdn: string): string {
  const known = formatted.get(msisdn);
  if (known !== undefined) return known;
  const shown = parsePhoneNumberFromString(`+${msisdn}`)?.formatInternational() ?? `+${msisdn}`;
  // About 0.1 ms a number: the send log's 100-row pages and filter changes would redo it per render.
  if (formatted.size >= MAX_REMEMBERED) formatted.clear();
  formatted.set(msisdn, shown);
  return shown;
}

const MAX_REMEMBERED = 5000;
const formatted = new Map<string, string>();

/** A stored recipient as a person reads it: a number in international format, an email as it is. */
export function shownRecipient({ channel, recipient }: { channel: Channel; recipient: string }): string {
  return channel === "msisdn" ? formatMsisdn(recipient) : recipient;
}
