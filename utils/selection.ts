import type { Channel } from "./channel";
import { checkEmail } from "./validation/email";
import { checkPhone } from "./validation/phone";

/** An address found in selected text, as the API takes it. */
export interface FoundAddress {
  channel: Channel;
  /** The email as written, or E.164 digits without "+" for SMS. */
  recipient: string;
}

// A local part of RFC 5322 "atext" (plus letters of any script), then "@" and a dotted domain. The
// class stops at what surrounds an address in prose and headers (spaces, "<>", "()", ",", ";",
// ":" as in "mailto:"), and the domain needs a label after each dot, so "example.no." loses its
// full stop. Nothing a valid local part may hold is cut off: a cut could name another person.
// Format characters (U+200B, U+202E) are taken in, so checkEmail refuses the whole candidate
// instead of the match starting after one ("an<U+200B>na@…" must not become "na@…").
const EMAIL_CANDIDATE =
  /[\p{L}\p{N}\p{M}\p{Cf}.!#$%&'*+/=?^_`{|}~-]+@[\p{L}\p{N}\p{M}\p{Cf}-]+(?:\.[\p{L}\p{N}\p{M}\p{Cf}-]+)+/gu;

// Quotes and dots wrapped around an address in prose ('anna@example.no', “anna@…”, "…anna@…").
const LEADING_WRAPPERS = /^[.'`‘’“”«»]+/u;

// Digits with the separators people write numbers with, on one line: "+47 407 69 126",
// "(0047) 407-69-126". checkPhone decides whether a run (or part of it) is a mobile number.
const PHONE_CANDIDATE = /(?:\+|\(\+?)?\d[\d \t\u00a0().\-/]*\d/gu;

// A run of more words than this is not tried word by word (it would be n² library calls).
const MAX_PHONE_WORDS = 12;

/** What a selection holds: exactly one address and nothing else, an address among other text, or none. */
export type SelectionRead =
  | { kind: "exact"; address: FoundAddress }
  | { kind: "among-other-text"; address: FoundAddress }
  | { kind: "none" };

// What may surround a lone address when it is selected from a page, a mail header or a link:
// whitespace, quotes, brackets, and trailing sentence punctuation. Not "#", "/", "@" and the like,
// which a local part may begin with: dropping one would name another mailbox.
const LEADING_NOISE = /^[\s"'`‘’‚“”„«»‹›<([{]+/u;
const TRAILING_NOISE = /[\s"'`‘’‚“”„«»‹›>)\]}.,;:!?]+$/u;
const LINK_SCHEME = /^(?:mailto|tel):/iu;

/**
 * Reads a selection for the right-click menu, which sends without asking only when nothing else
 * could have been meant: "order 12345678, case 99887766" holds a valid Norwegian mobile number,
 * but it is a case number. Anything but one lone address is "among-other-text", to be confirmed.
 */
export function readSelection(text: string, country: string): SelectionRead {
  const alone = findLoneAddress(text, country);
  if (alone !== null) return { kind: "exact", address: alone };
  const found = findAddress(text, country);
  return found === null ? { kind: "none" } : { kind: "among-other-text", address: found };
}

/** The selection without what may surround a lone address. */
function stripNoise(text: string): string {
  return text
    .replace(LEADING_NOISE, "")
    .replace(LINK_SCHEME, "")
    .replace(LEADING_NOISE, "")
    .replace(TRAILING_NOISE, "");
}

/**
 * Whether a selection, whatever the club's country, is not one lone address yet may hold one. The
 * right-click menu decides with it whether to open the side panel before it reads the settings:
 * the browser opens a panel only synchronously in the click. Digits and separators alone may be a
 * lone national number, which only the country decides: false, and the menu reads them as before.
 */
export function mayHoldAddressAmongText(text: string): boolean {
  const core = stripNoise(text);
  if (core === "" || checkEmail(core).ok) return false;
  if (/^[\d\s+().\-/]+$/u.test(core)) return false;
  return findEmail(text) !== null || (text.match(/\d/gu)?.length ?? 0) >= 6;
}

function findLoneAddress(text: string, country: string): FoundAddress | null {
  const core = stripNoise(text);
  if (core === "") return null;
  const email = checkEmail(core);
  if (email.ok) return { channel: "email", recipient: email.email };
  if (core.includes("@")) return null;
  // "(+47) 407 69 126" loses its "(" to LEADING_NOISE; the phone reader takes the rest either way.
  const phone = checkPhone(core, country);
  return phone.ok ? { channel: "msisdn", recipient: phone.msisdn } : null;
}

/**
 * Finds the member's address in selected text: the first valid email address, or else the first
 * valid mobile number, read with the club's country for numbers without a country code. Emails come
 * first because a ticket's digits are often order or case numbers, and an email is unambiguous.
 */
export function findAddress(text: string, country: string): FoundAddress | null {
  return findEmail(text) ?? findPhone(text, country);
}

function findEmail(text: string): FoundAddress | null {
  for (const match of text.matchAll(EMAIL_CANDIDATE)) {
    const check = checkEmail(match[0].replace(LEADING_WRAPPERS, ""));
    if (check.ok) return { channel: "email", recipient: check.email };
  }
  return null;
}

function findPhone(text: string, country: string): FoundAddress | null {
  for (const match of text.matchAll(PHONE_CANDIDATE)) {
    // A run can join a number to its neighbours ("+47 407 69 126 22 33 44 55"): try the words of
    // the run leftmost first, longest first, so the number a person wrote wins over its parts.
    const words = match[0].split(/[ \t\u00a0]+/u).slice(0, MAX_PHONE_WORDS);
    for (let start = 0; start < words.length; start++) {
      for (let end = words.length; end > start; end--) {
        const candidate = words.slice(start, end).join(" ");
        const digits = candidate.replace(/\D/gu, "").length;
        if (digits < 6 || digits > 17) continue;
        const check = checkPhone(candidate, country);
        if (check.ok) return { channel: "msisdn", recipient: check.msisdn };
      }
    }
  }
  return null;
}
