import { needsHostPermission } from "@/utils/environments";
import type { ApiFailure } from "@/utils/send-outcome";
import type { Connection, StoredSettings } from "@/utils/settings";
import { originPatternFor } from "@/utils/validation/connection";
import { createPlacewiseClient, type PlacewiseClient } from "./api/client";
import { clientIdentityFor } from "./client-identity";
import type { BackgroundDeps } from "./deps";
import { tokenFor } from "./token-store";

/** A saved connection ready to call, or why it is not. */
export type ConnectionClient =
  | { ok: true; connection: Connection; client: PlacewiseClient; settings: StoredSettings }
  | { ok: false; failure: Extract<ApiFailure, { kind: "not-configured" | "host-permission-missing" }> };

/**
 * Loads a saved connection (the active one unless an id is given) with its token and makes a
 * client for it. The settings and every token are read together: one storage round trip before a
 * send goes out instead of two (measured by npm run bench, "send overhead").
 */
export async function clientForConnection(
  deps: BackgroundDeps,
  connectionId?: string,
): Promise<ConnectionClient> {
  const [settings, tokens] = await Promise.all([deps.readSettings(), deps.readTokens()]);
  const id = connectionId ?? settings.activeConnectionId;
  const connection = settings.connections.find((c) => c.id === id);
  if (connection === undefined) return { ok: false, failure: { kind: "not-configured" } };
  // The slow path only for a token still under its settings-v1 key (token-store.ts adopts it).
  const token =
    tokenFor(tokens, connection.id, connection.rememberToken) ??
    (await deps.readToken(connection.id, connection.rememberToken));
  if (token === null) return { ok: false, failure: { kind: "not-configured" } };
  // The manifest grants the built-in hosts; only a custom host can lack its permission.
  if (
    needsHostPermission(connection.baseUrl) &&
    !(await deps.hasHostPermission(originPatternFor(connection.baseUrl)))
  ) {
    return {
      ok: false,
      failure: { kind: "host-permission-missing", host: new URL(connection.baseUrl).host },
    };
  }
  const client = createPlacewiseClient(deps, clientIdentityFor(connection, token, deps.userAgent));
  return { ok: true, connection, client, settings };
}
