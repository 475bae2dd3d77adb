import type { MessageKey } from "./i18n";

/**
 * Which message a send asks Placewise for: the registration password (the default action), or a
 * password reset link for a member who already has a password (email only).
 */
export type MessageKind = "registration-password" | "password-reset";

/** What an entry or request without a message kind was: everything before the reset existed. */
export const DEFAULT_MESSAGE: MessageKind = "registration-password";

/** Every kind, in the order filters list them. */
export const MESSAGE_KINDS: readonly MessageKind[] = ["registration-password", "password-reset"];

/** Whether a value (from storage or a filter) is a message kind. */
export function isMessageKind(value: unknown): value is MessageKind {
  return MESSAGE_KINDS.includes(value as MessageKind);
}

/** The kind's name for tables and filters. */
export const MESSAGE_LABEL_KEYS: Record<MessageKind, MessageKey> = {
  "registration-password": "message_registrationPassword",
  "password-reset": "message_passwordReset",
};

/** The problem of an invalid-input outcome when a password reset is asked for by SMS. */
export const EMAIL_ONLY_PROBLEM = "emailOnly";
