import { batch, computed, signal } from "@preact/signals";
import { browser } from "wxt/browser";
import { isChannel } from "@/utils/channel";
import { isEnvironmentId } from "@/utils/environments";
import { isMessageKind, type MessageKind } from "@/utils/message-kind";
import { type SendRequest, sendMemberMessage, sendToBackground } from "@/utils/messages";
import { isOutcomeKind } from "@/utils/outcome-traits";
import { shownRecipient } from "@/utils/phone-format";
import { messageOf, readRecentSends, readSendLog, type SendLogEntry, watchSendLog } from "@/utils/send-log";
import type { SendOutcome, SendOutcomeKind } from "@/utils/send-outcome";
import {
  type Connection,
  EMPTY_SETTINGS,
  readSettings,
  type StoredSettings,
  watchSettings,
} from "@/utils/settings";
import { downloadText } from "@/utils/spreadsheet-export";
import { buildSendLogCsv, csvFileName } from "./csv";
import { filterEntries, NO_FILTERS, type SendLogFilters, searchTextOf } from "./filter";

/** Rows per page: 100 rows render in a few ms, so 5,000 entries open at once (npm run bench). */
export const PAGE_SIZE = 100;

/** What the send log page needs from outside; component tests pass fakes. */
export interface SendLogPageDeps {
  readSendLog(): Promise<SendLogEntry[]>;
  /** The newest entries only, from the newest bucket: enough for the first page. */
  readRecentSends(limit: number): Promise<SendLogEntry[]>;
  watchSendLog(onChange: () => void): () => void;
  readSettings(): Promise<StoredSettings>;
  watchSettings(onChange: () => void): () => void;
  /** Sends `message` (the registration password when left out) through the background. */
  send(request: SendRequest, message?: MessageKind): Promise<SendOutcome>;
  clear(): Promise<void>;
  /** Hands a finished file to the browser's downloads. */
  download(fileName: string, content: string): void;
  openOptions(): void;
  /** The clock, in epoch ms (the export's file name). */
  now(): number;
}

/** The real dependencies: storage read directly, sends and clearing through the background. */
export const browserSendLogDeps: SendLogPageDeps = {
  readSendLog,
  readRecentSends,
  watchSendLog,
  readSettings,
  watchSettings,
  send: (request, message = "registration-password") => sendMemberMessage(message, request),
  clear: async () => {
    await sendToBackground("clearSendLog", null);
  },
  download: downloadText,
  openOptions: () => void browser.runtime.openOptionsPage(),
  now: () => Date.now(),
};

/** What the page last reports in its status or alert region. */
export type SendLogNotice =
  | { kind: "sending"; recipient: string }
  | { kind: "sent"; outcome: SendOutcome }
  | { kind: "connectionGone"; label: string }
  | { kind: "sendFailed" }
  | { kind: "exported"; count: number; file: string }
  | { kind: "exportFailed" }
  | { kind: "cleared" }
  | { kind: "clearFailed" };

/** The confirmation on screen, if any. */
export type PendingConfirmation =
  | { kind: "send"; entry: SendLogEntry; connection: Connection }
  | { kind: "clear"; count: number };

/**
 * Storage is not trusted to hold what the background wrote (an older build, a hand edit): an entry
 * the table cannot show is left out rather than breaking the page.
 */
function isShowable(value: unknown): value is SendLogEntry {
  if (typeof value !== "object" || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.id === "string" &&
    typeof e.at === "number" &&
    Number.isFinite(e.at) &&
    typeof e.connectionId === "string" &&
    typeof e.connectionLabel === "string" &&
    isEnvironmentId(e.environment) &&
    typeof e.host === "string" &&
    typeof e.club === "string" &&
    isChannel(e.channel) &&
    typeof e.recipient === "string" &&
    (e.message === undefined || isMessageKind(e.message)) &&
    isOutcomeKind(e.outcome) &&
    (e.status === null || typeof e.status === "number") &&
    typeof e.durationMs === "number" &&
    typeof e.source === "string"
  );
}

/** The send log page's state: the entries (kept live), the filters, the page, and the last notice. */
export function createSendLogPageStore(deps: SendLogPageDeps = browserSendLogDeps) {
  const entries = signal<SendLogEntry[]>([]);
  const settings = signal<StoredSettings>(EMPTY_SETTINGS);
  /** The first page is there (it may be all there is to show yet). */
  const loaded = signal(false);
  /** Every entry is there: counts, pages, filters, export and clear are about the whole log. */
  const complete = signal(false);
  const filters = signal<SendLogFilters>(NO_FILTERS);
  const page = signal(0);
  const notice = signal<SendLogNotice | null>(null);
  const confirmation = signal<PendingConfirmation | null>(null);
  const busy = signal(false);

  const texts = computed(() => entries.value.map(searchTextOf));
  const filtered = computed(() => filterEntries(entries.value, filters.value, texts.value));
  const pageCount = computed(() => Math.max(1, Math.ceil(filtered.value.length / PAGE_SIZE)));
  // A live update or a clear can shrink the list under the page the operator is on.
  const currentPage = computed(() => Math.min(page.value, pageCount.value - 1));
  const pageEntries = computed(() =>
    filtered.value.slice(currentPage.value * PAGE_SIZE, (currentPage.value + 1) * PAGE_SIZE),
  );
  const clubs = computed(() => [...new Set(entries.value.map((e) => e.club))].sort());
  const outcomeKinds = computed(() => [...new Set<SendOutcomeKind>(entries.value.map((e) => e.outcome))]);
  const connections = computed(() => new Map(settings.value.connections.map((c) => [c.id, c])));

  // Reads can overlap (a bulk run changes the log several times a second); the newest read wins.
  let entriesRead = 0;
  async function reloadEntries(): Promise<void> {
    const read = ++entriesRead;
    const stored = await deps.readSendLog();
    if (read === entriesRead) {
      entries.value = stored.filter(isShowable);
      complete.value = true;
    }
  }
  let settingsRead = 0;
  async function reloadSettings(): Promise<void> {
    const read = ++settingsRead;
    const stored = await deps.readSettings();
    if (read === settingsRead) settings.value = stored;
  }

  const stopWatching = [
    deps.watchSendLog(() => void reloadEntries()),
    deps.watchSettings(() => void reloadSettings()),
  ];
  /**
   * The first page first, from the newest bucket (a few ms), then the whole log (5,000 entries are
   * about 1.5 MB for storage to deserialize, ~150 ms): the table is on screen well within 200 ms
   * (npm run bench, "send log render"). A change during the first read makes the whole read win.
   */
  async function load(): Promise<void> {
    const read = ++entriesRead;
    const [recent] = await Promise.all([deps.readRecentSends(PAGE_SIZE), reloadSettings()]);
    if (read === entriesRead) entries.value = recent.filter(isShowable);
    loaded.value = true;
    // Let the first page render before the big read's answer occupies the page.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (!complete.value) await reloadEntries();
  }
  const loading = load();

  /** Changes one filter; the table goes back to its first page. */
  function setFilter<K extends keyof SendLogFilters>(key: K, value: SendLogFilters[K]): void {
    batch(() => {
      filters.value = { ...filters.value, [key]: value };
      page.value = 0;
    });
  }

  function resetFilters(): void {
    batch(() => {
      filters.value = NO_FILTERS;
      page.value = 0;
    });
  }

  function goToPage(index: number): void {
    page.value = Math.max(0, Math.min(index, pageCount.value - 1));
  }

  /** Asks to confirm a repeat of an entry's send, or says why it cannot be repeated. */
  function requestSendAgain(entry: SendLogEntry): void {
    if (busy.value) return;
    const connection = connections.value.get(entry.connectionId);
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
    if (!connections.value.has(entry.connectionId)) {
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
    if (busy.value || !complete.value) return;
    confirmation.value = { kind: "clear", count: entries.value.length };
  }

  async function confirmClear(): Promise<void> {
    if (confirmation.value?.kind !== "clear" || busy.value) return;
    confirmation.value = null;
    busy.value = true;
    try {
      await deps.clear();
      notice.value = { kind: "cleared" };
      await reloadEntries();
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
    if (!complete.value) return;
    const shown = filtered.value;
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
    entries,
    settings,
    loaded,
    complete,
    loading,
    filters,
    filtered,
    pageEntries,
    currentPage,
    pageCount,
    clubs,
    outcomeKinds,
    connections,
    notice,
    confirmation,
    busy,
    setFilter,
    resetFilters,
    goToPage,
    requestSendAgain,
    confirmSendAgain,
    requestClear,
    confirmClear,
    cancelConfirmation,
    exportCsv,
    openOptions: deps.openOptions,
    dispose: () => {
      for (const stop of stopWatching) stop();
    },
  };
}

/** The send log page's store, as passed to its components. */
export type SendLogPageStore = ReturnType<typeof createSendLogPageStore>;
