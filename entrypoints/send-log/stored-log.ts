import { batch, computed, effect, signal } from "@preact/signals";
import { createLatestRead, type ReadState } from "@/utils/latest-read";
import type { SendLogEntry } from "@/utils/send-log";
import { EMPTY_SETTINGS, type StoredSettings } from "@/utils/settings";
import type { SendLogPageDeps } from "./deps";

/*
 * The send log page's mirror of what storage holds: the log's entries and the settings (for the
 * connections Send again uses), kept live from the change events the background's writes raise.
 * The page only reads storage; the background writes it. What is read is parsed by the log's
 * owner, utils/send-log.ts, as the background parses it.
 */

/** What one read of the log brought: the newest entries (the first page), or the whole log. */
interface LogRead {
  entries: SendLogEntry[];
  whole: boolean;
}

/** A read as latest-read.ts keeps it: a failure is logged and leaves what is shown as it was. */
function answerOf<T>(what: string, read: () => Promise<T>): () => Promise<ReadState<T, unknown>> {
  return async () => {
    try {
      return { status: "loaded", value: await read() };
    } catch (failure) {
      console.error(`Reading ${what} failed`, failure);
      return { status: "failed", failure };
    }
  };
}

/** The log and the settings as storage holds them; `firstPageSize` entries are read first. */
export function createLogMirror(deps: SendLogPageDeps, firstPageSize: number) {
  const entries = signal<SendLogEntry[]>([]);
  const settings = signal<StoredSettings>(EMPTY_SETTINGS);
  /** The first page is there (it may be all there is to show yet). */
  const loaded = signal(false);
  /** Every entry is there: counts, pages, filters, export and clear are about the whole log. */
  const complete = signal(false);
  const connections = computed(() => new Map(settings.value.connections.map((c) => [c.id, c])));

  // Reads overlap (a bulk run changes the log several times a second): the newest read wins, and a
  // read under way leaves the last answer on screen.
  const logReads = createLatestRead<LogRead, unknown>();
  const settingsReads = createLatestRead<StoredSettings, unknown>();
  const stopShowing = [
    effect(() => {
      const read = logReads.state.value;
      if (read.status !== "loaded") return;
      batch(() => {
        entries.value = read.value.entries;
        if (read.value.whole) complete.value = true;
      });
    }),
    effect(() => {
      const read = settingsReads.state.value;
      if (read.status === "loaded") settings.value = read.value;
    }),
  ];

  const readWhole = answerOf("the send log", async () => ({
    entries: await deps.readSendLog(),
    whole: true,
  }));
  const readFirstPage = answerOf("the newest sends", async () => ({
    entries: await deps.readRecentSends(firstPageSize),
    whole: false,
  }));
  const reload = () => logReads.run("whole", readWhole);
  const reloadSettings = () => settingsReads.run("settings", answerOf("settings", deps.readSettings));

  const stopWatching = [
    deps.watchSendLog(() => void reload()),
    deps.watchSettings(() => void reloadSettings()),
  ];

  /**
   * The first page first, from the newest bucket (a few ms), then the whole log (5,000 entries are
   * about 1.5 MB for storage to deserialize, ~150 ms): the table is on screen before the big read
   * (npm run bench, "send log render"). A change during the first read makes the whole read win.
   */
  async function loadFirstPage(): Promise<void> {
    await Promise.all([logReads.run("first page", readFirstPage), reloadSettings()]);
    loaded.value = true;
    // Let the first page render before the big read's answer occupies the page.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const firstPage = loadFirstPage();

  return {
    entries,
    settings,
    connections,
    loaded,
    complete,
    /** The first page is shown: what can wait for it may start now. */
    firstPage,
    loading: firstPage.then(() => (complete.value ? undefined : reload())),
    /** Reads the whole log again (after a clear). */
    reload,
    dispose: () => {
      for (const stop of [...stopWatching, ...stopShowing]) stop();
    },
  };
}
