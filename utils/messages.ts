import { browser } from "wxt/browser";
import type { ConnectionCheckOutcome, SendOutcome } from "./send-outcome";
import type { ConnectionDraft, ConnectionField, FieldProblem } from "./validation/connection";

/** What "Save" answers: saved, or a problem per field (the background checks the draft again). */
export type SaveConnectionResult =
  | { ok: true }
  | { ok: false; problems: Partial<Record<ConnectionField, FieldProblem>> };

/** What "Test connection" answers: the club check, or the draft's problems. */
export type TestConnectionResult =
  | { ok: true; outcome: ConnectionCheckOutcome }
  | { ok: false; problems: Partial<Record<ConnectionField, FieldProblem>> };

/**
 * The one protocol between the extension's pages and the background. Each key is a verb; `data` is
 * what the page sends, `result` what the background answers. The background checks every `data`
 * again: a message is untrusted input even from our own pages.
 */
export interface ProtocolMap {
  /** Send a registration-password email to one member with the saved connection. */
  sendRegistrationPassword: { data: { email: string }; result: SendOutcome };
  /** Check and store the options form; an empty token keeps the saved one. */
  saveConnection: { data: ConnectionDraft; result: SaveConnectionResult };
  /** Call GET /v3/loyalty_clubs/{slug} with the form's values, without saving them. */
  testConnection: { data: ConnectionDraft; result: TestConnectionResult };
  /** Remove the client token from this computer. */
  forgetToken: { data: null; result: null };
  /** The saved token, for the options page's masked field only; every other page is refused. */
  getSavedToken: { data: null; result: { token: string | null } };
}

/** A message name of the protocol. */
export type MessageType = keyof ProtocolMap;

/** The envelope every message travels in. */
export interface MessageEnvelope<K extends MessageType = MessageType> {
  type: K;
  data: ProtocolMap[K]["data"];
}

/** Asks the background; rejects only on a bug or a refused sender (expected failures are values). */
export async function sendToBackground<K extends MessageType>(
  type: K,
  data: ProtocolMap[K]["data"],
): Promise<ProtocolMap[K]["result"]> {
  const envelope: MessageEnvelope<K> = { type, data };
  return (await browser.runtime.sendMessage(envelope)) as ProtocolMap[K]["result"];
}

/** Whether a value has the envelope's shape; says nothing yet about `data`. */
export function isMessageEnvelope(value: unknown): value is { type: string; data: unknown } {
  return (
    typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string"
  );
}
