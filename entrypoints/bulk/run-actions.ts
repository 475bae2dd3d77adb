import { batch, computed, type Signal, signal } from "@preact/signals";
import { isUnfinished } from "@/utils/bulk-run";
import type { createComposeForm } from "./compose-form";
import { bulkCsvFileName } from "./csv";
import type { BulkPageDeps } from "./deps";
import type { BulkNotice } from "./notice";
import type { createRunMirror } from "./stored-run";

/*
 * Acting on a stored run from the Bulk page: pause, resume, cancel, retry, a new run, export. The
 * background changes the run; the page then shows what storage holds.
 */

/** What the actions share with the rest of the page. */
export interface RunActionsContext {
  mirror: ReturnType<typeof createRunMirror>;
  form: Pick<ReturnType<typeof createComposeForm>, "fileName" | "setText">;
  notice: Signal<BulkNotice | null>;
}

/** The run's actions, one at a time (busy). */
export function createRunActions(deps: BulkPageDeps, { mirror, form, notice }: RunActionsContext) {
  const busy = signal(false);
  const confirmingCancel = signal(false);
  const unfinished = computed(() => isUnfinished(mirror.run.value));

  async function act(work: () => Promise<void>): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    try {
      await work();
      await mirror.refresh();
    } catch (error) {
      console.error("A bulk run action failed", error);
      notice.value = { kind: "actionFailed" };
    } finally {
      busy.value = false;
    }
  }

  const pause = () => act(deps.pause);
  const resume = () => act(deps.resume);

  function requestCancel(): void {
    if (unfinished.value) confirmingCancel.value = true;
  }

  async function confirmCancel(): Promise<void> {
    confirmingCancel.value = false;
    await act(deps.cancel);
  }

  function dismissCancel(): void {
    confirmingCancel.value = false;
  }

  const retryFailed = () =>
    act(async () => {
      const { requeued } = await deps.retryFailed();
      notice.value = { kind: "requeued", count: requeued };
    });

  /**
   * Forgets the finished (or damaged) run; the form comes back empty, so a list is never sent twice
   * by mistake. The background clears only an ended or damaged run: a damaged one it has not marked
   * yet is cancelled first, so that nothing more is sent from it.
   */
  const newRun = () =>
    act(async () => {
      const current = mirror.run.value;
      if (mirror.damaged.value && current !== null && current.damaged !== true && isUnfinished(current))
        await deps.cancel();
      await deps.clear();
      batch(() => {
        notice.value = null;
        form.fileName.value = null;
        form.setText("");
      });
    });

  async function exportCsv(): Promise<void> {
    const current = mirror.run.value;
    if (current === null) return;
    const all = mirror.items();
    try {
      const file = bulkCsvFileName(current);
      deps.download(file, await deps.buildCsv(current, all));
      notice.value = { kind: "exported", count: all.length, file };
    } catch (error) {
      console.error("CSV export failed", error);
      notice.value = { kind: "exportFailed" };
    }
  }

  return {
    busy,
    confirmingCancel,
    unfinished,
    pause,
    resume,
    requestCancel,
    confirmCancel,
    dismissCancel,
    retryFailed,
    newRun,
    exportCsv,
  };
}
