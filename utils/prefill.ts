import { type Channel, isChannel } from "./channel";
import { checkEmail } from "./validation/email";

/** An address the right-click menu found, for the popup to show in its field before anything is sent. */
export interface Prefill {
  channel: Channel;
  /** What the field shows: the email, or the number as "+" and E.164 digits. */
  value: string;
}

/** The popup page's query for a prefill; readPrefill reads it back. */
export function buildPrefillQuery(channel: Channel, recipient: string): string {
  return new URLSearchParams({ channel, recipient }).toString();
}

/**
 * Reads a prefill from the popup page's query. Anyone who can open the page can write the query,
 * so only a valid address is taken; anything else is ignored and the field starts empty. The
 * operator still presses Enter to send, and the background checks the request again.
 */
export function readPrefill(search: string): Prefill | null {
  const query = new URLSearchParams(search);
  const channel = query.get("channel");
  const recipient = query.get("recipient") ?? "";
  if (!isChannel(channel)) return null;
  if (channel === "email") {
    const check = checkEmail(recipient);
    return check.ok ? { channel, value: check.email } : null;
  }
  // The shape of an MSISDN only: libphonenumber is too heavy for the popup's first frame, and the
  // field's own phone check runs on the number before it can be sent.
  return /^[1-9]\d{7,14}$/u.test(recipient) ? { channel, value: `+${recipient}` } : null;
}
