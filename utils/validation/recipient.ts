import type { Channel } from "../channel";
import { checkEmail } from "./email";
import { isValidMsisdn } from "./phone";

/** A recipient as the API takes it (the address trimmed), or why it cannot be sent to. */
export type RecipientCheck = { ok: true; recipient: string } | { ok: false; problem: string };

/**
 * Checks a recipient the background received for its channel: an email address (checkEmail's
 * problems), or E.164 digits of a mobile number. Pages parse what the operator typed first; this is
 * the background's own check of what they sent.
 */
export function checkRecipient(channel: Channel, recipient: string): RecipientCheck {
  if (channel === "email") {
    const check = checkEmail(recipient);
    return check.ok ? { ok: true, recipient: check.email } : check;
  }
  return isValidMsisdn(recipient) ? { ok: true, recipient } : { ok: false, problem: "notMobile" };
}
