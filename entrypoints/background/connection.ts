import type { Runtime } from "webextension-polyfill";
import { needsHostPermission } from "@/utils/environments";
import type {
  DeleteConnectionResult,
  DraftReadResult,
  FieldProblems,
  PolicyRefusal,
  SaveConnectionResult,
  StoredChangeResult,
  TestConnectionResult,
} from "@/utils/messages";
import type { Policy } from "@/utils/policy";
import {
  type ClubLanguages,
  type ClubSummary,
  type ConnectionCheckOutcome,
  connectionCheckPassed,
} from "@/utils/send-outcome";
import type { Connection } from "@/utils/settings";
import {
  type CheckedConnection,
  type ConnectionDraft,
  checkConnectionDraft,
  originPatternFor,
} from "@/utils/validation/connection";
import { createPlacewiseClient, type PlacewiseClient } from "./api/client";
import { clientIdentityFor } from "./client-identity";
import type { BackgroundDeps } from "./deps";
import { releaseUnusedHostPermissions } from "./host-permissions";
import { type SettingsUpdate, storageWrite } from "./settings-store";

/** Reading the club while saving is a nicety: do not hold the Save button for the full timeout. */
const CLUB_LOOKUP_TIMEOUT_MS = 5_000;

/** A saved connection's id, as the id messages carry it. */
type ConnectionRef = { id: string };

/** A draft checked against what is saved: a client for its values, or why there is none. */
type DraftClient =
  | {
      ok: true;
      connection: CheckedConnection;
      /** The token typed into the form, or null when the saved one is used. */
      typedToken: string | null;
      client: PlacewiseClient;
    }
  | { ok: false; problems: FieldProblems }
  | { ok: false; outcome: { kind: "host-permission-missing"; host: string } };

/**
 * Checks the draft the form sent, as the policy allows it, and makes a client for its values (or
 * the saved token), saving nothing.
 */
async function clientForDraft(
  deps: BackgroundDeps,
  sent: ConnectionDraft,
  { timeoutMs = deps.timeoutMs, clubOptional = false }: { timeoutMs?: number; clubOptional?: boolean } = {},
): Promise<DraftClient> {
  const [settings, { policy }] = await Promise.all([deps.readSettings(), deps.readPolicy()]);
  const draft = underPolicy(sent, settings.connections, policy);
  const savedToken = await savedTokenOf(deps, draft.id);
  const check = checkConnectionDraft(draft, savedToken !== null, { clubOptional });
  if (!check.ok) return check;
  const token = check.token ?? savedToken;
  if (token === null) return { ok: false, problems: { token: "required" } };
  const baseUrl = check.connection.baseUrl;
  if (needsHostPermission(baseUrl) && !(await deps.hasHostPermission(originPatternFor(baseUrl)))) {
    return { ok: false, outcome: { kind: "host-permission-missing", host: new URL(baseUrl).host } };
  }
  const client = createPlacewiseClient(
    { fetch: deps.fetch, timeoutMs },
    clientIdentityFor(check.connection, token, deps.userAgent),
  );
  return { ok: true, connection: check.connection, typedToken: check.token, client };
}

/** The token saved for a connection id, or null for a new connection. */
async function savedTokenOf(deps: BackgroundDeps, id: string): Promise<string | null> {
  if (id === "") return null;
  const saved = (await deps.readSettings()).connections.find((c) => c.id === id);
  return saved === undefined ? null : deps.readToken(saved.id, saved.rememberToken);
}

/**
 * Checks the options form again, then stores the connection (new when its id is "") and, when
 * given, its token. It also reads the club, when the token may, to learn its name, country and
 * member identifiers (the popup's channel and phone parsing use them); a failure there saves anyway.
 */
export async function saveConnection(
  deps: BackgroundDeps,
  sent: ConnectionDraft,
): Promise<SaveConnectionResult> {
  const [settings, { policy }] = await Promise.all([deps.readSettings(), deps.readPolicy()]);
  const existing = settings.connections.find((c) => c.id === sent.id);
  const refusal = policyRefusal(policy, existing, sent);
  if (refusal !== null) return refusal;
  if (sent.id !== "" && existing === undefined) return { ok: false, problems: { label: "required" } };
  const draft = underPolicy(sent, settings.connections, policy);
  const prepared = await clientForDraft(deps, draft, { timeoutMs: CLUB_LOOKUP_TIMEOUT_MS });
  if (!prepared.ok) {
    return "problems" in prepared ? prepared : { ok: false, problems: { baseUrl: "notPermitted" } };
  }

  // The club read doubles as the connection test: a 401 or 404 here means every send would fail.
  const club = await prepared.client.readClub();
  const known = club.ok ? club.value : null;
  const check: ConnectionCheckOutcome = club.ok
    ? { kind: "club-found", name: club.value.name, slug: club.value.slug }
    : club.outcome;
  const clubChanged = existing?.clubSlug !== prepared.connection.clubSlug;
  const id = existing?.id ?? deps.newId();
  const connection: Connection = {
    ...prepared.connection,
    id,
    // A label left empty takes the club's name when Placewise told us one.
    label: draft.label.trim() === "" && known ? known.name : prepared.connection.label,
    hasToken: true,
    ...(existing?.fromPolicy ? { fromPolicy: true as const } : {}),
    memberIdentifiers: known?.memberIdentifiers ?? (clubChanged ? [] : (existing?.memberIdentifiers ?? [])),
    country: known?.country ?? (clubChanged ? "" : (existing?.country ?? "")),
  };

  const { typedToken } = prepared;
  const tokenWrite = await storageWrite(async () => {
    if (typedToken !== null) await deps.writeToken(id, typedToken, connection.rememberToken);
    else if (existing) await deps.moveToken(id, existing.rememberToken, connection.rememberToken);
  });
  if (!tokenWrite.ok) return tokenWrite;

  // Changed on the settings as they are now: the club lookup took time, and another page may have
  // changed them since.
  const update = await deps.updateSettings((latest) => ({
    ...latest,
    connections: existing
      ? latest.connections.map((c) => (c.id === id ? connection : c))
      : [...latest.connections, connection],
    // A new connection is the one the operator is about to use, but only once Placewise accepted
    // it: made active on a failed test, every send would fail. Decided here, in the one write.
    activeConnectionId: connectionCheckPassed(check)
      ? existing
        ? (latest.activeConnectionId ?? id)
        : id
      : latest.activeConnectionId,
  }));
  if (!update.ok) return { ok: false, reason: update.reason };
  // A new base URL may leave the old custom host unused.
  await releaseUnusedHostPermissions(deps, update.before, update.after);
  // Read back: the settings' own rule keeps some connection active whenever one is saved.
  const active = (await deps.readSettings()).activeConnectionId === id;
  return { ok: true, id, check, active };
}

/** Calls GET /v3/loyalty_clubs/{slug} with the form's values (or the saved token), saving nothing. */
export async function testConnection(
  deps: BackgroundDeps,
  draft: ConnectionDraft,
): Promise<TestConnectionResult> {
  const prepared = await clientForDraft(deps, draft);
  if (!prepared.ok) return "problems" in prepared ? prepared : { ok: true, outcome: prepared.outcome };
  return { ok: true, outcome: await prepared.client.getLoyaltyClub() };
}

/** The clubs the form's token may use, for the options page's picker. */
export async function listClubs(
  deps: BackgroundDeps,
  draft: ConnectionDraft,
): Promise<DraftReadResult<ClubSummary[]>> {
  const prepared = await clientForDraft(deps, draft, { clubOptional: true });
  if (!prepared.ok) return "problems" in prepared ? prepared : { ok: false, outcome: prepared.outcome };
  return prepared.client.listLoyaltyClubs();
}

/** The languages of the form's club, for the options page's language choice. */
export async function getClubLanguages(
  deps: BackgroundDeps,
  draft: ConnectionDraft,
): Promise<DraftReadResult<ClubLanguages>> {
  const prepared = await clientForDraft(deps, draft);
  if (!prepared.ok) return "problems" in prepared ? prepared : { ok: false, outcome: prepared.outcome };
  return prepared.client.getClubLanguages();
}

/**
 * Removes a connection and its token; the next one becomes active if it was. A custom host no
 * other connection uses loses its permission.
 */
export async function deleteConnection(
  deps: BackgroundDeps,
  { id }: ConnectionRef,
): Promise<DeleteConnectionResult> {
  const [settings, { policy }] = await Promise.all([deps.readSettings(), deps.readPolicy()]);
  const target = settings.connections.find((c) => c.id === id);
  if (target?.fromPolicy || policy.lockConnections) return { ok: false, reason: "set-by-policy" };
  const forgotten = await storageWrite(() => deps.forgetToken(id));
  if (!forgotten.ok) return forgotten;
  const update = await deps.updateSettings((settings) => {
    const connections = settings.connections.filter((c) => c.id !== id);
    const activeConnectionId =
      settings.activeConnectionId === id ? (connections[0]?.id ?? null) : settings.activeConnectionId;
    return { ...settings, connections, activeConnectionId };
  });
  if (update.ok) await releaseUnusedHostPermissions(deps, update.before, update.after);
  return changeResult(update);
}

/** Makes a saved connection the one sends use; an unknown id changes nothing. */
export async function setActiveConnection(
  deps: BackgroundDeps,
  { id }: ConnectionRef,
): Promise<StoredChangeResult> {
  return changeResult(
    await deps.updateSettings((settings) =>
      settings.connections.some((c) => c.id === id) ? { ...settings, activeConnectionId: id } : null,
    ),
  );
}

/** Removes a connection's token and marks it as having none. */
export async function forgetToken(deps: BackgroundDeps, { id }: ConnectionRef): Promise<StoredChangeResult> {
  const forgotten = await storageWrite(() => deps.forgetToken(id));
  if (!forgotten.ok) return forgotten;
  return changeResult(
    await deps.updateSettings((settings) => ({
      ...settings,
      connections: settings.connections.map((c) => (c.id === id ? { ...c, hasToken: false } : c)),
    })),
  );
}

/**
 * A saved token, so the options page can show it masked after a reload. Only the options page
 * gets it: the popup and any other page are refused, so a bug there cannot reveal the token.
 */
export async function getSavedToken(
  deps: BackgroundDeps,
  { id }: ConnectionRef,
  sender: Runtime.MessageSender,
  optionsPageUrl: string,
): Promise<{ token: string | null }> {
  if (sender.url === undefined || sender.url.replace(/[?#].*$/u, "") !== optionsPageUrl) {
    throw new Error("Refused: only the options page may read the token.");
  }
  return { token: await savedTokenOf(deps, id) };
}

/**
 * What the policy rules out for this save. A policy connection may always be saved: its token is
 * the operator's (underPolicy keeps the rest the policy's). Locked, nothing else may be; without
 * custom base URLs, no operator connection may use one.
 */
function policyRefusal(
  policy: Policy,
  existing: Connection | undefined,
  draft: ConnectionDraft,
): PolicyRefusal | null {
  if (existing?.fromPolicy) return null;
  if (policy.lockConnections) return { ok: false, reason: "set-by-policy" };
  if (!policy.allowCustomBaseUrl && draft.environment === "custom")
    return { ok: false, reason: "custom-url-not-allowed" };
  return null;
}

/**
 * The draft as the policy allows it: for a policy connection every field but the token and where
 * it is kept comes from the policy, whatever the page sent; "never" keeps every token for the
 * session only.
 */
function underPolicy(draft: ConnectionDraft, connections: Connection[], policy: Policy): ConnectionDraft {
  const rememberToken = policy.rememberTokens === "never" ? false : draft.rememberToken;
  const managed = connections.find((c) => c.id === draft.id && c.fromPolicy);
  if (managed === undefined) return { ...draft, rememberToken };
  return {
    id: managed.id,
    label: managed.label,
    environment: managed.environment,
    baseUrl: managed.baseUrl,
    token: draft.token,
    productName: managed.productName,
    clubSlug: managed.clubSlug,
    customerId: managed.customerId,
    rememberToken,
    language: managed.language,
    loginUrl: managed.loginUrl,
  };
}

/** An update's answer to the page: done, or why nothing was stored. */
function changeResult(update: SettingsUpdate): StoredChangeResult {
  return update.ok ? { ok: true } : { ok: false, reason: update.reason };
}
