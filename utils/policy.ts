import { browser } from "wxt/browser";
import { isEnvironmentId } from "./environments";
import { isRecord } from "./is-record";
import { NUMBER_PREFERENCE_RANGES, type NumberPreference, type Preferences } from "./settings-schema";
import { type CheckedConnection, checkConnectionDraft, type FieldProblem } from "./validation/connection";

// The organisation's policy: what IT set for this extension through the browser's enterprise
// policy (Chrome/Edge: "3rdparty" extension policy, checked against public/managed-schema.json;
// Firefox: policies.json 3rdparty.Extensions.<id>). The browser keeps it in storage.managed,
// read-only to us. This module is its one reader and parser; settings-policy.ts merges it over
// the operator's settings.

/** A connection IT preconfigured: everything but the token, which the operator pastes. */
export interface PolicyConnection extends Omit<CheckedConnection, "rememberToken"> {
  /** Stable id: "policy-" + the policy's own id, or a hash of base URL and club (policyConnectionId). */
  id: string;
}

/** The policy as this build reads it; a value left out or ignored leaves the operator's setting. */
export interface Policy {
  /** Preconfigured connections, or null when the policy sets none. */
  connections: PolicyConnection[] | null;
  /** Operators cannot add, edit or delete connections; the connections are exactly the policy's. */
  lockConnections: boolean;
  /** false: operators cannot save a Custom base URL, and their own custom connections are set aside. */
  allowCustomBaseUrl: boolean;
  /** "never": tokens live in storage.session only (shared PCs). */
  rememberTokens: "allowed" | "never";
  /** false: no bulk runs; the popup hides its Bulk link. */
  bulkEnabled: boolean;
  /** false: no right-click item. */
  contextMenuEnabled: boolean;
  /** Preferences the policy fixes (send log caps, repeat warning). */
  preferences: Partial<Pick<Preferences, NumberPreference>>;
  /** A line shown next to "Set by your organisation", e.g. "IT service desk, ext. 4455"; "" for none. */
  supportContact: string;
}

/** Why a policy value was ignored. */
export type PolicyProblem =
  | "notBoolean"
  | "notText"
  | "notList"
  | "notObject"
  | "unknownValue"
  | "outOfRange"
  | "duplicateId"
  | "tokenNotAllowed"
  | "badId"
  | FieldProblem;

/** One ignored value: its place in the policy (e.g. "connections[1].clubSlug") and why. */
export interface PolicyNote {
  name: string;
  problem: PolicyProblem;
}

/** The policy read, with a note per ignored value, and whether IT set anything at all. */
export interface PolicyReport {
  policy: Policy;
  notes: PolicyNote[];
  /** Any value was set; the options page then says that the organisation manages the extension. */
  managed: boolean;
}

/** The policy of a browser without one: every operator choice is the operator's. */
export const NO_POLICY: Policy = {
  connections: null,
  lockConnections: false,
  allowCustomBaseUrl: true,
  rememberTokens: "allowed",
  bulkEnabled: true,
  contextMenuEnabled: true,
  preferences: {},
  supportContact: "",
};

/** The policy keys that fix a preference, and the preference each one fixes. */
export const POLICY_PREFERENCES = {
  sendLogRetentionDays: "sendLogRetentionDays",
  sendLogMaxEntries: "sendLogMaxEntries",
  repeatWarningMinutes: "recentSendMinutes",
} as const satisfies Record<string, NumberPreference>;

const FLAGS = ["lockConnections", "allowCustomBaseUrl", "bulkEnabled", "contextMenuEnabled"] as const;

/**
 * Parses whatever storage.managed holds. Each value stands alone: a wrong one is ignored with a
 * note (the operator's setting stays), so a typo in one line of a policy never breaks the rest.
 */
export function parsePolicy(raw: unknown): PolicyReport {
  const values = isRecord(raw) ? raw : {};
  const notes: PolicyNote[] = [];
  const policy: Policy = { ...NO_POLICY, preferences: {} };
  for (const key of FLAGS) {
    const value = values[key];
    if (value === undefined) continue;
    if (typeof value === "boolean") policy[key] = value;
    else notes.push({ name: key, problem: "notBoolean" });
  }
  if (values.rememberTokens !== undefined) {
    if (values.rememberTokens === "allowed" || values.rememberTokens === "never")
      policy.rememberTokens = values.rememberTokens;
    else notes.push({ name: "rememberTokens", problem: "unknownValue" });
  }
  for (const [key, preference] of Object.entries(POLICY_PREFERENCES)) {
    const value = values[key];
    if (value === undefined) continue;
    const { min, max } = NUMBER_PREFERENCE_RANGES[preference];
    if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max)
      policy.preferences[preference] = value;
    else notes.push({ name: key, problem: "outOfRange" });
  }
  if (values.supportContact !== undefined) {
    const contact = typeof values.supportContact === "string" ? values.supportContact.trim() : null;
    // Shown as text (never as markup or a link); control characters could reorder what it says.
    if (contact !== null && contact.length <= 200 && !/\p{Cc}|\p{Cf}/u.test(contact))
      policy.supportContact = contact;
    else notes.push({ name: "supportContact", problem: "notText" });
  }
  if (values.connections !== undefined) {
    if (Array.isArray(values.connections)) policy.connections = parseConnections(values.connections, notes);
    else notes.push({ name: "connections", problem: "notList" });
  }
  const managed = Object.keys(values).length > 0;
  return { policy, notes, managed };
}

function parseConnections(list: unknown[], notes: PolicyNote[]): PolicyConnection[] {
  const parsed: PolicyConnection[] = [];
  list.forEach((entry, index) => {
    const name = `connections[${index}]`;
    const connection = parseConnection(entry, name, notes);
    if (connection === null) return;
    if (parsed.some((c) => c.id === connection.id)) notes.push({ name, problem: "duplicateId" });
    else parsed.push(connection);
  });
  return parsed;
}

/** One policy connection, checked by the options form's own checks; null (with a note) when it fails. */
function parseConnection(raw: unknown, name: string, notes: PolicyNote[]): PolicyConnection | null {
  if (!isRecord(raw)) {
    notes.push({ name, problem: "notObject" });
    return null;
  }
  // A token in a policy would sit readable in the registry or a world-readable file: never used.
  if (raw.token !== undefined) notes.push({ name: `${name}.token`, problem: "tokenNotAllowed" });
  if (!isEnvironmentId(raw.environment)) {
    notes.push({ name: `${name}.environment`, problem: "unknownValue" });
    return null;
  }
  const text = (key: string, fallback = "") =>
    typeof raw[key] === "string" ? (raw[key] as string) : fallback;
  const check = checkConnectionDraft(
    {
      id: "",
      label: text("label"),
      environment: raw.environment,
      baseUrl: text("baseUrl"),
      // The operator's token comes later; the check is of everything else.
      token: "",
      productName: text("productName", "default"),
      clubSlug: text("clubSlug"),
      customerId: text("customerId"),
      rememberToken: true,
      language: text("language"),
      loginUrl: text("loginUrl"),
    },
    true,
  );
  if (!check.ok) {
    for (const [field, problem] of Object.entries(check.problems))
      notes.push({ name: `${name}.${field}`, problem });
    return null;
  }
  const id = policyConnectionId(raw.id, check.connection);
  if (id === null) {
    notes.push({ name: `${name}.id`, problem: "badId" });
    return null;
  }
  const { rememberToken: _operatorsChoice, ...fields } = check.connection;
  return { ...fields, id };
}

/**
 * A policy connection's id, stable across policy updates so its saved token and its send-log
 * entries stay attached: the policy's own id when it gives one (so IT may even change the club),
 * else a hash of base URL and club. "policy-" keeps it apart from the operator's random ids.
 */
export function policyConnectionId(given: unknown, connection: CheckedConnection): string | null {
  if (given !== undefined) {
    return typeof given === "string" && /^[A-Za-z0-9_-]{1,64}$/u.test(given) ? `policy-${given}` : null;
  }
  return `policy-${fnv1a(`${connection.baseUrl}|${connection.clubSlug}`)}`;
}

/** 32-bit FNV-1a, as hex: short, stable and synchronous (crypto.subtle is async). Not a secret. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/**
 * Reads the policy. Chrome answers {} without a policy; Firefox rejects ("Managed storage manifest
 * not found"), and so does a browser without managed storage: all three mean no policy. `started`
 * is that read already under way (utils/settings.ts starts it before this module has loaded).
 */
export async function readPolicy(
  started: () => Promise<unknown> = () => browser.storage.managed.get(null),
): Promise<PolicyReport> {
  let raw: unknown = {};
  try {
    raw = await started();
  } catch {
    raw = {};
  }
  return parsePolicy(raw);
}

/** Calls back when IT's policy changes while the browser runs (or arrives late after a start). */
export function watchPolicy(onChange: () => void): () => void {
  const listener = (_changes: unknown, area: string) => {
    if (area === "managed") onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
