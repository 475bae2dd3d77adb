import type { Connection, Preferences, StoredSettings } from "@/utils/settings";
import { DEFAULT_PREFERENCES } from "@/utils/settings";
import type { ConnectionDraft } from "@/utils/validation/connection";
import { SANDBOX_CLUBS, SANDBOX_TOKENS } from "../sandbox";

/** A saved connection for unit tests, to the staging host (MSW answers it with the sandbox). */
export function testConnection(changes: Partial<Connection> = {}): Connection {
  return {
    id: "c-1",
    label: "Infinity Mall",
    environment: "staging",
    baseUrl: "https://api.mpc.dev.placewise.com",
    productName: "default",
    clubSlug: SANDBOX_CLUBS.infinityMall,
    customerId: "447",
    rememberToken: true,
    hasToken: true,
    language: "",
    loginUrl: "",
    memberIdentifiers: ["email", "msisdn"],
    country: "NO",
    ...changes,
  };
}

/** Settings holding the given connections, the first one active. */
export function testSettings(
  connections: Connection[],
  preferences: Partial<Preferences> = {},
): StoredSettings {
  return {
    connections,
    activeConnectionId: connections[0]?.id ?? null,
    preferences: { ...DEFAULT_PREFERENCES, ...preferences },
  };
}

/** An options-form draft for a new connection to the staging host. */
export function testDraft(changes: Partial<ConnectionDraft> = {}): ConnectionDraft {
  return {
    id: "",
    label: "",
    environment: "staging",
    baseUrl: "",
    token: SANDBOX_TOKENS.full,
    productName: "default",
    clubSlug: SANDBOX_CLUBS.infinityMall,
    customerId: "",
    rememberToken: true,
    language: "",
    loginUrl: "",
    ...changes,
  };
}
