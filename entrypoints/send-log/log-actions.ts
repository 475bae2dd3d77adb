import { type Signal, signal } from "@preact/signals";
import { messageOf, type SendLogEntry } from "@/utils/send-log";
import type { Connection } from "@/utils/settings";
import { buildSendLogCsv, csvFileName } from "./csv";
import type { SendLogPageDeps } from "./deps";
import type { createLogView } from "./log-view";
import type { SendLogNotice } from "./notice";
import type { RecipientFormat } from "./recipient-format";
import type { createLogMirror } from "./stored-log";

/*
 * Acting on the log from its page: send an entry again, clear the log, export what the filters
 * show. Sends and the clear go through the background; the page then shows what storage holds.
 */

/** The confirmation on screen, if any. */
export type PendingConfirmation =
  | { kind: "send"; entry: SendLogEntry; connection: Connection }
  | { kind: "clear"; count: number };

/** What the actions share with the rest of the page. */
export interface LogActionsContext {
  mirror: Pick<ReturnType<typeof createLogMirror>, "entries" | "connections" | "complete" | "reload">;
  view: Pick<ReturnType<typeof createLogView>, "filtered">;
  notice: Signal<SendLogNotice | null>;
  shownRecipient: RecipientFormat;
}

/** Send again, clear and export, one at a time (busy), each behind its confirmation. */
export function createLogActions(
  deps: SendLogPageDeps,
  { mirror, view, notice, shownRecipient }: LogActionsContext,
) {
  const confirmation = signal<PendingConfirmation | null>(null);
  const busy = signal(false);

  /** Asks to confirm a repeat of an entry's send, or says why it cannot be repeated. */
  function requestSendAgain(entry: SendLogEntry): void {
    if (busy.value) return;
    const connection = mirror.connections.value.get(entry.connectionId);
    if (connection === undefined) {
      notice.value = { kind: "connectionGone", label: entry.connectionLabel };
      return;
    }
    confirmation.value = { kind: "send", entry, connection };
  }

  /**
   * Sends the confirmed repeat once, with the entry's connection. confirmRepeat is set: the operator
   * just confirmed, so the background's recent-send question would ask the same thing twice.
   */
  async function confirmSendAgain(): Promise<void> {
    const pending = confirmation.value;
    if (pending?.kind !== "send" || busy.value) return;
    const { entry } = pending;
    confirmation.value = null;
    // The connection may have been removed in Settings while the confirmation was open.
    if (!mirror.connections.value.has(entry.connectionId)) {
      notice.value = { kind: "connectionGone", label: entry.connectionLabel };
      return;
    }
    busy.value = true;
    notice.value = { kind: "sending", recipient: shownRecipient(entry) };
    try {
      const outcome = await deps.send(
        {
          channel: entry.channel,
          recipient: entry.recipient,
          source: "send-log",
          connectionId: entry.connectionId,
          confirmRepeat: true,
        },
        // Send again sends what the row sent: a reset row gets a reset link, not a registration.
        messageOf(entry),
      );
      notice.value = { kind: "sent", outcome };
    } catch (error) {
      console.error("Send again failed", error);
      notice.value = { kind: "sendFailed" };
    } finally {
      busy.value = false;
    }
  }

  function requestClear(): void {
    if (busy.value || !mirror.complete.value) return;
    confirmation.value = { kind: "clear", count: mirror.entries.value.length };
  }

  async function confirmClear(): Promise<void> {
    if (confirmation.value?.kind !== "clear" || busy.value) return;
    confirmation.value = null;
    busy.value = true;
    try {
      await deps.clear();
      notice.value = { kind: "cleared" };
      await mirror.reload();
    } catch (error) {
      console.error("Clearing the send log failed", error);
      notice.value = { kind: "clearFailed" };
    } finally {
      busy.value = false;
    }
  }

  function cancelConfirmation(): void {
    confirmation.value = null;
  }

  /** Downloads the entries the filters show (every page), as CSV. */
  async function exportCsv(): Promise<void> {
    if (!mirror.complete.value) return;
    const shown = view.filtered.value;
    try {
      const file = csvFileName(deps.now());
      deps.download(file, await buildSendLogCsv(shown));
      notice.value = { kind: "exported", count: shown.length, file };
    } catch (error) {
      console.error("CSV export failed", error);
      notice.value = { kind: "exportFailed" };
    }
  }

  return {
    confirmation,
    busy,
    requestSendAgain,
    confirmSendAgain,
    requestClear,
    confirmClear,
    cancelConfirmation,
    exportCsv,
  };
}
