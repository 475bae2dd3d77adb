import type { Runtime } from "webextension-polyfill";
import { createPlacewiseClient } from "@/utils/api/client";
import { isEnvironmentId } from "@/utils/environments";
import type { SaveConnectionResult, TestConnectionResult } from "@/utils/messages";
import { type ConnectionDraft, checkConnectionDraft, originPatternFor } from "@/utils/validation/connection";
import type { BackgroundDeps } from "./deps";
import { clientIdentityFor } from "./identity";

/** Checks the options form again, then stores the connection and, when given, the token. */
export async function saveConnection(deps: BackgroundDeps, data: unknown): Promise<SaveConnectionResult> {
  const draft = readDraft(data);
  if (draft === null) return { ok: false, problems: { baseUrl: "required" } };
  const { connection: saved } = await deps.readSettings();
  const savedToken = saved === null ? null : await deps.readToken(saved.rememberToken);
  const check = checkConnectionDraft(draft, savedToken !== null);
  if (!check.ok) return check;
  if (!(await deps.hasHostPermission(originPatternFor(check.connection.baseUrl)))) {
    return { ok: false, problems: { baseUrl: "notPermitted" } };
  }

  if (check.token !== null) await deps.writeToken(check.token, check.connection.rememberToken);
  else if (saved !== null) await deps.moveToken(saved.rememberToken, check.connection.rememberToken);
  const hasToken = check.token !== null || savedToken !== null;
  await deps.writeSettings({ connection: { ...check.connection, hasToken } });
  return { ok: true };
}

/** Calls GET /v3/loyalty_clubs/{slug} with the form's values (or the saved token), saving nothing. */
export async function testConnection(deps: BackgroundDeps, data: unknown): Promise<TestConnectionResult> {
  const draft = readDraft(data);
  if (draft === null) return { ok: false, problems: { baseUrl: "required" } };
  const { connection: saved } = await deps.readSettings();
  const savedToken = saved === null ? null : await deps.readToken(saved.rememberToken);
  const check = checkConnectionDraft(draft, savedToken !== null);
  if (!check.ok) return check;
  const token = check.token ?? savedToken;
  if (token === null) return { ok: false, problems: { token: "required" } };
  if (!(await deps.hasHostPermission(originPatternFor(check.connection.baseUrl)))) {
    return {
      ok: true,
      outcome: { kind: "host-permission-missing", host: new URL(check.connection.baseUrl).host },
    };
  }
  const client = createPlacewiseClient(deps, clientIdentityFor(check.connection, token, deps.userAgent));
  return { ok: true, outcome: await client.getLoyaltyClub() };
}

/** Removes the token and marks the connection as having none. */
export async function forgetToken(deps: BackgroundDeps): Promise<null> {
  await deps.forgetToken();
  const { connection } = await deps.readSettings();
  if (connection !== null) await deps.writeSettings({ connection: { ...connection, hasToken: false } });
  return null;
}

/**
 * The saved token, so the options page can show it masked after a reload. Only the options page
 * gets it: the popup and any other page are refused, so a bug there cannot reveal the token.
 */
export async function getSavedToken(
  deps: BackgroundDeps,
  sender: Runtime.MessageSender,
  optionsPageUrl: string,
): Promise<{ token: string | null }> {
  if (sender.url === undefined || stripQuery(sender.url) !== optionsPageUrl) {
    throw new Error("Refused: only the options page may read the token.");
  }
  const { connection } = await deps.readSettings();
  return { token: connection === null ? null : await deps.readToken(connection.rememberToken) };
}

function stripQuery(url: string): string {
  return url.replace(/[?#].*$/u, "");
}

/** Reads a draft from untrusted data; wrong types are refused whole. */
function readDraft(data: unknown): ConnectionDraft | null {
  if (typeof data !== "object" || data === null) return null;
  const d = data as Record<string, unknown>;
  const strings = ["baseUrl", "token", "productName", "clubSlug", "customerId"] as const;
  if (!isEnvironmentId(d.environment) || typeof d.rememberToken !== "boolean") return null;
  if (!strings.every((key) => typeof d[key] === "string")) return null;
  return {
    environment: d.environment,
    baseUrl: d.baseUrl as string,
    token: d.token as string,
    productName: d.productName as string,
    clubSlug: d.clubSlug as string,
    customerId: d.customerId as string,
    rememberToken: d.rememberToken,
  };
}
