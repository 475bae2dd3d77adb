import { browser } from "wxt/browser";
import type { MessageKind } from "@/utils/message-kind";
import { type SendRequest, sendMemberMessage, sendToBackground } from "@/utils/messages";
import { readRecentSends, readSendLog, type SendLogEntry, watchSendLog } from "@/utils/send-log";
import type { SendOutcome } from "@/utils/send-outcome";
import { readSettings, type StoredSettings, watchSettings } from "@/utils/settings";
import { downloadText } from "@/utils/spreadsheet-export";
import type { RecipientFormat } from "./recipient-format";

/** What the send log page needs from outside; component tests pass fakes. */
export interface SendLogPageDeps {
  readSendLog(): Promise<SendLogEntry[]>;
  /** The newest entries only, from the newest bucket: enough for the first page. */
  readRecentSends(limit: number): Promise<SendLogEntry[]>;
  watchSendLog(onChange: () => void): () => void;
  readSettings(): Promise<StoredSettings>;
  watchSettings(onChange: () => void): () => void;
  /** Sends `message` (the registration password when left out) through the background. */
  send(request: SendRequest, message?: MessageKind): Promise<SendOutcome>;
  clear(): Promise<void>;
  /** Hands a finished file to the browser's downloads. */
  download(fileName: string, content: string): void;
  openOptions(): void;
  /** The clock, in epoch ms (the export's file name). */
  now(): number;
  /** Loads how numbers are shown (libphonenumber: loaded after the first page, see recipient-format.ts). */
  loadRecipientFormat(): Promise<RecipientFormat>;
}

/** The real dependencies: storage read directly, sends and clearing through the background. */
export const browserSendLogDeps: SendLogPageDeps = {
  readSendLog,
  readRecentSends,
  watchSendLog,
  readSettings,
  watchSettings,
  send: (request, message = "registration-password") => sendMemberMessage(message, request),
  clear: async () => {
    await sendToBackground("clearSendLog", null);
  },
  download: downloadText,
  openOptions: () => void browser.runtime.openOptionsPage(),
  now: () => Date.now(),
  loadRecipientFormat: async () => (await import("@/utils/phone-format")).shownRecipient,
};
