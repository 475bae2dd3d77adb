import { browser } from "wxt/browser";
import type { Channel } from "./channel";
import type { MessageKind } from "./message-kind";
import type { SendSource } from "./send-log";
import type {
  ClubLanguages,
  ClubSummary,
  ConnectionCheckOutcome,
  PrecheckOutcome,
  ReadResult,
  SendOutcome,
  SendResult,
} from "./send-outcome";
import type { Preferences } from "./settings";
import type { ConnectionDraft, ConnectionField, FieldProblem } from "./validation/connection";

/** Problems per field of the options form. */
export type FieldProblems = Partial<Record<ConnectionField, FieldProblem>>;

/**
 * Why the background stored nothing: the browser refused the write (its storage is full or
 * unavailable), or the settings were saved by a newer build, which this one must not overwrite.
 */
export type StorageFailure = { ok: false; reason: "storage-failed" | "newer-version" };

/**
 * Why the background refused a change the organisation's policy rules out (utils/policy.ts):
 * the connection is the policy's or connections are locked, or custom base URLs are not allowed.
 */
export type PolicyRefusal = { ok: false; reason: "set-by-policy" | "custom-url-not-allowed" };

/** What a change to the settings or a token answers. */
export type StoredChangeResult = { ok: true } | StorageFailure;

/** What deleting a connection answers. */
export type DeleteConnectionResult = StoredChangeResult | PolicyRefusal;

/** What "Save" answers: the saved connection's id, a problem per field, or why nothing was stored. */
export type SaveConnectionResult =
  /** Saved; `check` is the club read made while saving, `active` whether this is now the active one. */
  | { ok: true; id: string; check: ConnectionCheckOutcome; active: boolean }
  | { ok: false; problems: FieldProblems }
  | StorageFailure
  | PolicyRefusal;

/** What "Test connection" answers: the club check, or the draft's problems. */
export type TestConnectionResult =
  | { ok: true; outcome: ConnectionCheckOutcome }
  | { ok: false; problems: FieldProblems };

/** A read made with the options form's values: the data, the draft's problems, or the API's failure. */
export type DraftReadResult<T> = ReadResult<T> | { ok: false; problems: FieldProblems };

/** A send request: one recipient, on a channel, with a saved connection (the active one by default). */
export interface SendRequest {
  channel: Channel;
  /** An email address, or E.164 digits (no "+") for SMS. */
  recipient: string;
  /** Where the operator started it; recorded in the send log. */
  source: SendSource;
  /** A saved connection's id; the active connection when left out. */
  connectionId?: string;
  /** true once the operator confirmed a repeat of a send Placewise recently accepted. */
  confirmRepeat?: boolean;
}

/** A bulk run as the Bulk page asks for it: recipients already parsed, normalized and de-duplicated. */
export interface BulkRunRequest {
  /** A saved connection's id; the active connection when left out. */
  connectionId?: string;
  recipients: Array<{ channel: Channel; recipient: string }>;
  /** Requests in flight at once (default 2). */
  concurrency?: number;
  /** Requests started per second at most (default 5). */
  ratePerSecond?: number;
}

/** What starting a bulk run answers. */
export type StartBulkRunResult =
  | { ok: true; runId: string; total: number }
  | {
      ok: false;
      reason:
        | "run-in-progress"
        | "not-configured"
        | "no-recipients"
        | "invalid-recipients"
        | "too-many"
        | "storage-failed"
        | "disabled-by-policy";
      invalid?: number;
    };

/**
 * The one protocol between the extension's pages and the background. Each key is a verb; `data` is
 * what the page sends, `result` what the background answers. The background checks every `data`
 * again: a message is untrusted input even from our own pages. Each key has its parser in
 * entrypoints/background/message-parsers.ts (a key without one does not compile); data without
 * the shape typed here is refused, "Refused: malformed <key> message.", and reaches no handler.
 */
export interface ProtocolMap {
  /** Send a registration-password message to one member. */
  sendRegistrationPassword: { data: SendRequest; result: SendOutcome };
  /** Send a password reset link (email only) to one member; the answer carries `message`. */
  sendPasswordReset: { data: SendRequest; result: SendResult };
  /** Look a member up before sending (public_info), with the active connection. */
  precheckMember: { data: { channel: Channel; recipient: string }; result: PrecheckOutcome };
  /**
   * Check and store a connection (new when its id is ""); an empty token keeps the saved one. For
   * a policy connection only the token and where it is kept are taken from the draft.
   */
  saveConnection: { data: ConnectionDraft; result: SaveConnectionResult };
  /** Remove a saved connection and its token (refused for the policy's connections, or when locked). */
  deleteConnection: { data: { id: string }; result: DeleteConnectionResult };
  /** Make a saved connection the one sends use. */
  setActiveConnection: { data: { id: string }; result: StoredChangeResult };
  /** Call GET /v3/loyalty_clubs/{slug} with the form's values, without saving them. */
  testConnection: { data: ConnectionDraft; result: TestConnectionResult };
  /** The clubs the form's token may use (every page of GET /v3/loyalty_clubs). */
  listClubs: { data: ConnectionDraft; result: DraftReadResult<ClubSummary[]> };
  /** The languages of the form's club (GET /v3/{club}/member_schema). */
  getClubLanguages: { data: ConnectionDraft; result: DraftReadResult<ClubLanguages> };
  /** Remove a connection's token from this computer. */
  forgetToken: { data: { id: string }; result: StoredChangeResult };
  /** A saved token, for the options page's masked field only; every other page is refused. */
  getSavedToken: { data: { id: string }; result: { token: string | null } };
  /** Change some of the desk's preferences. */
  setPreferences: { data: Partial<Preferences>; result: StoredChangeResult };
  /** Empty the send log. */
  clearSendLog: { data: null; result: null };
  /** Start a bulk run (refused while another run is unfinished). */
  startBulkRun: { data: BulkRunRequest; result: StartBulkRunResult };
  /** Pause the run: requests in flight finish, no new one starts. */
  pauseBulkRun: { data: null; result: null };
  /** Resume a paused or stopped run. */
  resumeBulkRun: { data: null; result: null };
  /** Cancel the run: nothing more is sent; what was sent stays sent. */
  cancelBulkRun: { data: null; result: null };
  /** Queue again the failed recipients whose failure is safe to retry, and run. */
  retryFailedBulk: { data: null; result: { requeued: number } };
  /** Forget a finished (done or cancelled) run. */
  clearBulkRun: { data: null; result: null };
  /** Pick up a run a stopped service worker left (the Bulk page asks when it opens). */
  wakeBulkRun: { data: null; result: null };
}

/** A message name of the protocol. */
export type MessageType = keyof ProtocolMap;

/** The envelope every message travels in. */
interface MessageEnvelope<K extends MessageType = MessageType> {
  type: K;
  data: ProtocolMap[K]["data"];
}

/** Asks the background; rejects only on a bug (a malformed message) or a refused sender (expected failures are values). */
export async function sendToBackground<K extends MessageType>(
  type: K,
  data: ProtocolMap[K]["data"],
): Promise<ProtocolMap[K]["result"]> {
  const envelope: MessageEnvelope<K> = { type, data };
  return (await browser.runtime.sendMessage(envelope)) as ProtocolMap[K]["result"];
}

/** Sends one member one kind of message: each kind has its own protocol message. */
export function sendMemberMessage(message: MessageKind, request: SendRequest): Promise<SendResult> {
  return message === "password-reset"
    ? sendToBackground("sendPasswordReset", request)
    : sendToBackground("sendRegistrationPassword", request);
}

/** Whether a value has the envelope's shape; says nothing yet about `data`. */
export function isMessageEnvelope(value: unknown): value is { type: string; data: unknown } {
  return (
    typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string"
  );
}
