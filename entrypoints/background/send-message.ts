import { DEFAULT_MESSAGE, EMAIL_ONLY_PROBLEM, type MessageKind } from "@/utils/message-kind";
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
 * Sends one password reset link (email only), with the same checks and guard as the registration
 * password. The answer says which message it was about, so every page words it right.
 */
export async function sendPasswordReset(deps: BackgroundDeps, request: SendRequest): Promise<SendResult> {
  const check = checkRecipient(request.channel, request.recipient);
  const outcome: SendResult = check.ok
    ? await sendOnce(deps, { ...request, recipient: check.recipient }, "password-reset")
    : { kind: "invalid-input", problem: check.problem };
  return { ...outcome, message: "password-reset" };
}

/**
 * The one way a message is sent, for the popup, the right-click menu, Send again and the bulk
 * runner alike; `message` says which (the registration password unless told). The POST is made once and never retried here: a retry after an unclear
 * failure could send the member a second message. The send guard refuses a second send to the
 * same member while one is under way, and (unless the operator confirmed a repeat) one after a
 * send that may have reached them within the desk's window; the send log is asked too, for sends
 * from before this browser session. Both count per message kind: a reset link after a
 * registration password is a different message, not a repeat.
 */
export async function sendOnce(
  deps: BackgroundDeps,
  request: SendRequest,
  message: MessageKind = DEFAULT_MESSAGE,
): Promise<SendResult> {
  const { channel, recipient, source } = request;
  // Placewise sends reset links by email only: an SMS request is refused before anything is read.
  if (message === "password-reset" && channel !== "email")
    return { kind: "invalid-input", problem: EMAIL_ONLY_PROBLEM };
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
      { host: base.host, club: connection.clubSlug, channel, recipient, message },
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
    { origin: base.origin, club: connection.clubSlug, channel, recipient, message },
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
    outcome =
      message === "password-reset"
        ? await client.sendPasswordReset(recipient)
        : await client.sendRegistrationPassword(channel, recipient, {
            language: connection.language || undefined,
            loginUrl: connection.loginUrl || undefined,
          });
  } catch (error) {
    // Only a bug throws here, and nobody knows how far the request got: unclear, never "not sent".
    await claim.settle("unknown").catch(() => undefined);
    throw error;
  }
  // The guard's record and the send log are written side by side: neither waits for the other
  // (at 50 sends a second, one after the other held a bulk run's slots longer than needed).
  const settled = claim.settle(effectOf(outcome.kind)).catch((error: unknown) => {
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
    message,
    outcome: outcome.kind,
    status: statusOf(outcome),
    durationMs: Math.max(0, deps.now() - started),
  };
  try {
    await deps.sendLog.append(entry, settings.preferences);
  } catch (error) {
    // The member got (or did not get) the message either way; the operator must know it is unrecorded.
    console.error("Could not record the send in the send log", error);
    await settled;
    return { ...outcome, notLogged: true };
  }
  await settled;
  return outcome;
}
