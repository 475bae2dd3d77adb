import { batch, computed, effect, signal } from "@preact/signals";
import { isRetryable } from "@/utils/bulk-run";
import { activeConnection, EMPTY_SETTINGS, type StoredSettings } from "@/utils/settings";
import { createComposeForm } from "./compose-form";
import { type BulkPageDeps, browserBulkDeps } from "./deps";
import type { BulkNotice } from "./notice";
import { createRunActions } from "./run-actions";
import { createRunMirror } from "./stored-run";

/**
 * The Bulk page's state: the settings it sends with, the list being prepared and reviewed
 * (compose-form.ts), the stored run kept live (stored-run.ts), and what can be done with it
 * (run-actions.ts).
 */
export function createBulkPageStore(deps: BulkPageDeps = browserBulkDeps) {
  const loaded = signal(false);
  const settings = signal<StoredSettings>(EMPTY_SETTINGS);
  /** The organisation switched bulk runs off: the page says so instead of offering one. */
  const disabledByPolicy = signal(false);
  /**
   * The connection this page sends with, picked on the page: the desk's active connection stays
   * as it is (pages write no storage; the run request carries the id). Unset, or a connection
   * since removed: the active one.
   */
  const pickedConnectionId = signal<string | null>(null);
  const connection = computed(
    () =>
      settings.value.connections.find((c) => c.id === pickedConnectionId.value) ??
      activeConnection(settings.value),
  );
  const notice = signal<BulkNotice | null>(null);

  const mirror = createRunMirror(deps);
  const form = createComposeForm(deps, { settings, connection, notice, refresh: mirror.refresh });
  const actions = createRunActions(deps, { mirror, form, notice });
  const onlyNotSent = signal(false);
  /** The clock for "time left" and "waiting N s", ticking while a run is running. */
  const now = signal(deps.now());
  const retryableCount = computed(() => mirror.items().filter(isRetryable).length);

  let settingsRead = 0;
  async function reloadSettings(): Promise<void> {
    const read = ++settingsRead;
    const [stored, bulkEnabled] = await Promise.all([deps.readSettings(), deps.readBulkEnabled()]);
    if (read !== settingsRead) return;
    const before = connection.value;
    settings.value = stored;
    disabledByPolicy.value = !bulkEnabled;
    const after = connection.value;
    // A review made for another connection (its club's country, its channels) is no longer the one.
    if (form.review.value !== null && (after === null || after.id !== before?.id)) form.review.value = null;
  }
  /** Sends with another saved connection: a review made for the one before no longer holds. */
  function pickConnection(id: string): void {
    if (id === connection.value?.id) return;
    batch(() => {
      pickedConnectionId.value = id;
      form.dropReview();
    });
  }
  const stopWatchingSettings = deps.watchSettings(() => void reloadSettings());

  const loading = Promise.all([reloadSettings(), mirror.refresh()]).then(() => {
    loaded.value = true;
    // A run left "running" may belong to a worker the browser stopped: make sure one runs.
    if (mirror.run.value?.status === "running") void deps.wake();
  });

  const stopTicking = effect(() => {
    if (mirror.run.value?.status !== "running") return;
    now.value = deps.now();
    const ticker = setInterval(() => {
      now.value = deps.now();
    }, 1000);
    return () => clearInterval(ticker);
  });

  return {
    loaded,
    disabledByPolicy,
    loading,
    settings,
    connection,
    pickConnection,
    notice,
    ...form,
    run: mirror.run,
    chunks: mirror.chunks,
    damaged: mirror.damaged,
    ...actions,
    onlyNotSent,
    now,
    retryableCount,
    openOptions: deps.openOptions,
    dispose: () => {
      mirror.dispose();
      stopTicking();
      stopWatchingSettings();
    },
  };
}

/** The Bulk page's store, as passed to its components. */
export type BulkPageStore = ReturnType<typeof createBulkPageStore>;
