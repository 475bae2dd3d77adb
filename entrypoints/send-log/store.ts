import { signal } from "@preact/signals";
import { browserSendLogDeps, type SendLogPageDeps } from "./deps";
import { createLogActions } from "./log-actions";
import { createLogView, PAGE_SIZE } from "./log-view";
import type { SendLogNotice } from "./notice";
import { createRecipientFormat } from "./recipient-format";
import { createLogMirror } from "./stored-log";

/**
 * The send log page's state: the log and settings kept live (stored-log.ts), what the operator
 * looks at (log-view.ts: filters, pages), what can be done with it (log-actions.ts), how
 * recipients read (recipient-format.ts), and the last notice.
 */
export function createSendLogPageStore(deps: SendLogPageDeps = browserSendLogDeps) {
  const notice = signal<SendLogNotice | null>(null);
  const mirror = createLogMirror(deps, PAGE_SIZE);
  const view = createLogView(mirror.entries);
  const recipients = createRecipientFormat();
  const actions = createLogActions(deps, { mirror, view, notice, shownRecipient: recipients.shownRecipient });
  return {
    entries: mirror.entries,
    settings: mirror.settings,
    connections: mirror.connections,
    loaded: mirror.loaded,
    complete: mirror.complete,
    loading: Promise.all([
      mirror.loading,
      mirror.firstPage.then(() => recipients.load(deps.loadRecipientFormat)),
    ]).then(() => undefined),
    shownRecipient: recipients.shownRecipient,
    ...view,
    notice,
    ...actions,
    openOptions: deps.openOptions,
    dispose: mirror.dispose,
  };
}

/** The send log page's store, as passed to its components. */
export type SendLogPageStore = ReturnType<typeof createSendLogPageStore>;
