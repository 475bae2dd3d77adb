import { isChannel } from "@/utils/channel";
import { isEnvironmentId } from "@/utils/environments";
import { isRecord } from "@/utils/is-record";
import type { BulkRunRequest, MessageType, ProtocolMap, SendRequest } from "@/utils/messages";
import type { SendSource } from "@/utils/send-log";
import { DEFAULT_PREFERENCES, type Preferences } from "@/utils/settings";
import { normalizeSettings } from "@/utils/settings-normalize";
import type { ConnectionDraft } from "@/utils/validation/connection";

// One parser per message, so every handler gets the data its ProtocolMap entry promises and the
// router refuses everything else the same way. Here, not beside the ProtocolMap: pages import
// utils/messages.ts, and the popup's up-front bytes are counted (npm run size).
//
// A parser checks the message's shape, not its meaning: an email address that is a string but not
// an address is well-formed, and the handler answers it with a value the page can show
// ("invalid-input", field problems). Pages send well-formed data, so a refusal here is a bug.

/** A message's data as its ProtocolMap entry types it, or a refusal. */
export type ParseResult<T> = { ok: true; data: T } | { ok: false };

/** Every message has a parser; a message added to the ProtocolMap without one does not compile. */
type MessageParsers = { [K in MessageType]: (data: unknown) => ParseResult<ProtocolMap[K]["data"]> };

const refuse = { ok: false } as const;
const accept = <T>(data: T): ParseResult<T> => ({ ok: true, data });

/** For the messages that carry nothing: pages send null. */
function parseNothing(data: unknown): ParseResult<null> {
  return data === null ? accept(null) : refuse;
}

/** `{ id }` naming a saved connection; no saved connection has the id "". */
function parseId(data: unknown): ParseResult<{ id: string }> {
  return isRecord(data) && typeof data.id === "string" && data.id !== "" ? accept({ id: data.id }) : refuse;
}

/** A channel and a recipient string; whether it is a valid address is the handler's to say. */
function parseRecipient(data: unknown): ParseResult<{ channel: SendRequest["channel"]; recipient: string }> {
  if (!isRecord(data) || !isChannel(data.channel) || typeof data.recipient !== "string") return refuse;
  return accept({ channel: data.channel, recipient: data.recipient });
}

const SOURCES: readonly SendSource[] = ["popup", "side-panel", "context-menu", "bulk", "send-log"];

function parseSendRequest(data: unknown): ParseResult<SendRequest> {
  const target = parseRecipient(data);
  if (!target.ok || !isRecord(data)) return refuse;
  const source = SOURCES.find((s) => s === data.source);
  const { connectionId, confirmRepeat } = data;
  if (source === undefined) return refuse;
  if (connectionId !== undefined && typeof connectionId !== "string") return refuse;
  if (confirmRepeat !== undefined && typeof confirmRepeat !== "boolean") return refuse;
  return accept({
    ...target.data,
    source,
    ...(connectionId === undefined ? {} : { connectionId }),
    ...(confirmRepeat === undefined ? {} : { confirmRepeat }),
  });
}

const DRAFT_TEXTS = [
  "id",
  "label",
  "baseUrl",
  "token",
  "productName",
  "clubSlug",
  "customerId",
  "language",
  "loginUrl",
] as const;

/** The options form's draft, every field present with its type; checkConnectionDraft judges the values. */
function parseDraft(data: unknown): ParseResult<ConnectionDraft> {
  if (!isRecord(data) || typeof data.rememberToken !== "boolean") return refuse;
  // "" (none chosen yet) is well-formed: checkConnectionDraft answers "required" next to the field.
  const environment =
    data.environment === "" ? "" : isEnvironmentId(data.environment) ? data.environment : null;
  if (environment === null) return refuse;
  const texts: Partial<Record<(typeof DRAFT_TEXTS)[number], string>> = {};
  for (const key of DRAFT_TEXTS) {
    const value = data[key];
    if (typeof value !== "string") return refuse;
    texts[key] = value;
  }
  return accept({
    ...(texts as Record<(typeof DRAFT_TEXTS)[number], string>),
    environment,
    rememberToken: data.rememberToken,
  });
}

/**
 * Known preferences with values the settings would keep: a value is valid when normalizing the
 * settings leaves it as it is (utils/settings-normalize.ts holds the ranges and types).
 */
function parsePreferences(data: unknown): ParseResult<Partial<Preferences>> {
  if (!isRecord(data)) return refuse;
  const preferences: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!Object.hasOwn(DEFAULT_PREFERENCES, key)) return refuse;
    const kept: Record<string, unknown> = {
      ...normalizeSettings({ preferences: { [key]: value } }).preferences,
    };
    // Compared as JSON: lastChannelByConnection is a record, kept only when every entry survives.
    if (JSON.stringify(kept[key]) !== JSON.stringify(value)) return refuse;
    preferences[key] = value;
  }
  return accept(preferences as Partial<Preferences>);
}

/** The list's shape; the runner checks each address, the count and the limits. */
function parseBulkRequest(data: unknown): ParseResult<BulkRunRequest> {
  if (!isRecord(data) || !Array.isArray(data.recipients)) return refuse;
  const recipients: BulkRunRequest["recipients"] = [];
  for (const item of data.recipients as unknown[]) {
    const target = parseRecipient(item);
    if (!target.ok) return refuse;
    recipients.push(target.data);
  }
  const { connectionId, concurrency, ratePerSecond } = data;
  if (connectionId !== undefined && typeof connectionId !== "string") return refuse;
  const isNumber = (value: unknown) => value === undefined || typeof value === "number";
  if (!isNumber(concurrency) || !isNumber(ratePerSecond)) return refuse;
  return accept({
    recipients,
    ...(connectionId === undefined ? {} : { connectionId }),
    ...(concurrency === undefined ? {} : { concurrency: concurrency as number }),
    ...(ratePerSecond === undefined ? {} : { ratePerSecond: ratePerSecond as number }),
  });
}

/** The parser of each message. A new message is one line here and one handler in message-handlers.ts. */
export const MESSAGE_PARSERS: MessageParsers = {
  sendRegistrationPassword: parseSendRequest,
  sendPasswordReset: parseSendRequest,
  precheckMember: parseRecipient,
  saveConnection: parseDraft,
  deleteConnection: parseId,
  setActiveConnection: parseId,
  testConnection: parseDraft,
  listClubs: parseDraft,
  getClubLanguages: parseDraft,
  forgetToken: parseId,
  getSavedToken: parseId,
  setPreferences: parsePreferences,
  clearSendLog: parseNothing,
  startBulkRun: parseBulkRequest,
  pauseBulkRun: parseNothing,
  resumeBulkRun: parseNothing,
  cancelBulkRun: parseNothing,
  retryFailedBulk: parseNothing,
  clearBulkRun: parseNothing,
  wakeBulkRun: parseNothing,
};
