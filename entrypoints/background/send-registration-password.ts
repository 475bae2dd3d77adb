import type { SendRequest } from "@/utils/messages";
import { effectOf } from "@/utils/outcome-traits";
import { findReachedSince, type SendLogEntry } from "@/utils/send-log";
import { type ApiNotes, type SendOutcome, type SendResult, statusOf } from "@/utils/send-outcome";
import { checkRecipient } from "@/utils/validation/recipient";
import { clientForConnection } from "./active-client";
import type { BackgroundDeps } from "./deps";

/** The longest "recently sent" window the preferences allow (24 hours), in ms. */
const MAX_RECENT_WINDOW_MS = 1440 * 60_000;

/**
 * The sendRegistrationPassword message: the page already checked the recipient; this checks it
 * again (a message is untrusted input, even well-formed) and sends once.
 */
export async function sendRegistrationPassword(
  deps: BackgroundDeps,
  request: SendRequest,
): Promise<SendResult> {
  const check = checkRecipient(request.channel, request.recipient);
  if (!check.ok) return { kind: "invalid-input", problem: check.problem };
  return sendOnce(deps, { ...request, recipient: check.recipient });
}

/**
 * The one way a registration message is sent, for the popup, the right-click menu, Send again and
 * the bulk runner alike. The POST is made once and never retried here: a retry after an unclear
 * failure could send the member a second message. The send guard refuses a second send to the
 * same member while one is under way, and (unless the operator confirmed a repeat) one after a
 * send that may have reached them within the desk's window; the send log is asked too, for sends
 * from before this browser session.
 */
export async function sendOnce(deps: BackgroundDeps, request: SendRequest): Promise<SendResult> {
  const { channel, recipient, source } = request;
  const confirmRepeat = request.confirmRepeat === true;

  // The recent sends are read alongside the connection, not after it: no extra wait before the POST.
  const started = deps.now();
  const [loaded, recentSends] = await Promise.all([
    clientForConnection(deps, request.connectionId),
    confirmRepeat ? [] : deps.sendLog.readSince(started - MAX_RECENT_WINDOW_MS),
  ]);
  if (!loaded.ok) return loaded.failure;
  const { connection, client, settings } = loaded;
  const base = new URL(connection.baseUrl);

  const windowMinutes = settings.preferences.recentSendMinutes;
  const since = confirmRepeat || windowMinutes <= 0 ? null : started - windowMinutes * 60_000;
  if (since !== null) {
    const recent = findReachedSince(
      recentSends,
      { host: base.host, club: connection.clubSlug, channel, recipient },
      since,
    );
    if (recent)
      return {
        kind: "recently-sent",
        recipient,
        sentAt: recent.at,
        unclear: effectOf(recent.outcome) !== "sent",
      };
  }
  const claim = await deps.sendGuard.claim(
    { origin: base.origin, club: connection.clubSlug, channel, recipient },
    started,
    since,
  );
  if (!claim.ok) {
    switch (claim.reason) {
      case "in-flight":
        return { kind: "already-sending", recipient };
      case "recent":
        return { kind: "recently-sent", recipient, sentAt: claim.at, unclear: claim.unclear };
      case "storage-failed":
        return { kind: "storage-failed" };
    }
  }

  let outcome: SendOutcome & ApiNotes;
  try {
    outcome = await client.sendRegistrationPassword(channel, recipient, {
      language: connection.language || undefined,
      loginUrl: connection.loginUrl || undefined,
    });
  } catch (error) {
    // Only a bug throws here, and nobody knows how far the request got: unclear, never "not sent".
    await claim.settle("unknown").catch(() => undefined);
    throw error;
  }
  await claim.settle(effectOf(outcome.kind)).catch((error: unknown) => {
    console.error("Could not settle the send guard's record", error);
  });
  const entry: SendLogEntry = {
    id: deps.newId(),
    at: started,
    source,
    connectionId: connection.id,
    connectionLabel: connection.label,
    environment: connection.environment,
    host: base.host,
    club: connection.clubSlug,
    channel,
    recipient,
    outcome: outcome.kind,
    status: statusOf(outcome),
    durationMs: Math.max(0, deps.now() - started),
  };
  try {
    await deps.sendLog.append(entry, settings.preferences);
  } catch (error) {
    // The member got (or did not get) the message either way; the operator must know it is unrecorded.
    console.error("Could not record the send in the send log", error);
    return { ...outcome, notLogged: true };
  }
  return outcome;
}
