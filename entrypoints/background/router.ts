import type { Runtime } from "webextension-polyfill";
import { isMessageEnvelope, type MessageType, type ProtocolMap } from "@/utils/messages";

/** One named handler per message; `data` is still untrusted and each handler checks it. */
export type MessageHandlers = {
  [K in MessageType]: (data: unknown, sender: Runtime.MessageSender) => Promise<ProtocolMap[K]["result"]>;
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
 * Builds the runtime.onMessage listener: sender check, then message type -> named handler.
 * Returns a promise (webextension-polyfill sends its value as the reply) or undefined to stay out.
 */
export function createRouter(handlers: MessageHandlers, isTrustedSender: SenderCheck) {
  return (message: unknown, sender: Runtime.MessageSender): Promise<unknown> | undefined => {
    if (!isMessageEnvelope(message) || !Object.hasOwn(handlers, message.type)) return undefined;
    if (!isTrustedSender(sender))
      return Promise.reject(new Error("Refused: not one of this extension's pages."));
    return handlers[message.type as MessageType](message.data, sender);
  };
}
