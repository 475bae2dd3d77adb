import type { Runtime } from "webextension-polyfill";
import { isMessageEnvelope, type MessageType, type ProtocolMap } from "@/utils/messages";
import { MESSAGE_PARSERS } from "./message-parsers";

/** One named handler per message; `data` is already parsed (message-parsers.ts) and typed. */
export type MessageHandlers = {
  [K in MessageType]: (
    data: ProtocolMap[K]["data"],
    sender: Runtime.MessageSender,
  ) => Promise<ProtocolMap[K]["result"]>;
};

/** Decides whether a message comes from one of our own extension pages. */
export type SenderCheck = (sender: Runtime.MessageSender) => boolean;

/**
 * The default sender check: our extension id and a page URL under our own origin. A content script
 * (which we do not ship) or another extension would carry a web page's or another id's URL.
 */
export function isOwnExtensionPage(extensionId: string, extensionOrigin: string): SenderCheck {
  return (sender) =>
    sender.id === extensionId && typeof sender.url === "string" && sender.url.startsWith(extensionOrigin);
}

/**
 * The one answer to a message whose data does not have its ProtocolMap shape: the promise the
 * page awaits rejects, as for a refused sender, and no handler runs. Pages send well-formed data,
 * so this is a bug's path, never an operator's.
 */
export function malformedMessage(type: MessageType): Error {
  return new Error(`Refused: malformed ${type} message.`);
}

/**
 * Builds the runtime.onMessage listener: sender check, then the message's parser, then its named
 * handler. Returns a promise (webextension-polyfill sends its value as the reply) or undefined to
 * stay out.
 */
export function createRouter(handlers: MessageHandlers, isTrustedSender: SenderCheck) {
  function route<K extends MessageType>(type: K, data: unknown, sender: Runtime.MessageSender) {
    const parsed = MESSAGE_PARSERS[type](data);
    if (!parsed.ok) return Promise.reject(malformedMessage(type));
    return handlers[type](parsed.data, sender);
  }
  return (message: unknown, sender: Runtime.MessageSender): Promise<unknown> | undefined => {
    if (!isMessageEnvelope(message) || !Object.hasOwn(handlers, message.type)) return undefined;
    if (!isTrustedSender(sender))
      return Promise.reject(new Error("Refused: not one of this extension's pages."));
    return route(message.type as MessageType, message.data, sender);
  };
}
