import { signal } from "@preact/signals";
import type { Channel } from "@/utils/channel";

/** A recipient as stored: an email as typed, or an MSISDN's E.164 digits. */
export interface StoredRecipient {
  channel: Channel;
  recipient: string;
}

/** How a recipient is shown: shownRecipient of utils/phone-format.ts, once it is loaded. */
export type RecipientFormat = (entry: StoredRecipient) => string;

/**
 * Recipients as a person reads them, numbers in international format ("+47 40 76 91 26"). The
 * formatter is libphonenumber's metadata, 135 KB the page would otherwise load and run before its
 * first page: it is loaded after the first page is on screen, and until then a number reads as
 * its digits after a "+" (what formatMsisdn shows for a number it cannot read). The rows that
 * show a number render again when it arrives.
 */
export function createRecipientFormat() {
  const format = signal<RecipientFormat | null>(null);

  function shownRecipient(entry: StoredRecipient): string {
    const loaded = format.value;
    if (loaded !== null) return loaded(entry);
    return entry.channel === "msisdn" ? `+${entry.recipient}` : entry.recipient;
  }

  /** Loads the formatter; a failure leaves the digits shown. */
  async function load(loadFormat: () => Promise<RecipientFormat>): Promise<void> {
    try {
      format.value = await loadFormat();
    } catch (error) {
      console.error("Loading the phone number format failed", error);
    }
  }

  return { shownRecipient, load };
}
