import { ConfirmDialog } from "@/components/ConfirmDialog";
import { OutcomeMessage } from "@/components/OutcomeMessage";
import { t } from "@/utils/i18n";
import { tPlural } from "@/utils/plural";
import { Compose } from "./Compose";
import { RunPanel } from "./RunPanel";
import type { BulkPageStore } from "./store";
import { bulkFormats, noticeWording } from "./wording";

/** The Bulk page: paste or drop a list, review it, confirm, and follow the run to its results. */
export function App({ store }: { store: BulkPageStore }) {
  const formats = bulkFormats();
  const run = store.run.value;
  return (
    <main class="bulk" aria-busy={!store.loaded.value}>
      <header class="page-header">
        <h1>{t("bulk_title")}</h1>
        <a
          class="settings-link"
          href="/options.html"
          onClick={(event) => {
            // openOptionsPage focuses an options tab that is already open instead of opening another.
            event.preventDefault();
            store.openOptions();
          }}
        >
          {t("bulk_settings")}
        </a>
      </header>
      {!store.loaded.value ? (
        <p class="empty">{t("bulk_loading")}</p>
      ) : run === null && store.disabledByPolicy.value ? (
        // A run started before IT switched bulk runs off still shows, so it can be followed or cancelled.
        <p class="no-connection" role="alert">
          {t("bulk_disabledByPolicy")}
        </p>
      ) : run === null ? (
        <Compose store={store} formats={formats} />
      ) : (
        <RunPanel store={store} run={run} formats={formats} />
      )}
      <div class="notice-bar">
        <OutcomeMessage wording={noticeWording(store.notice.value)} />
      </div>
      {store.confirmingCancel.value && run !== null ? (
        <ConfirmDialog
          title={t("bulk_cancelTitle")}
          confirmLabel={t("bulk_cancelConfirm")}
          cancelLabel={t("bulk_cancelKeep")}
          destructive
          onConfirm={() => void store.confirmCancel()}
          onCancel={store.dismissCancel}
        >
          <p>
            {tPlural(
              "bulk_cancelBody",
              run.counts.queued + run.counts.sending,
              formats.number.format(run.counts.sent),
            )}
          </p>
        </ConfirmDialog>
      ) : null}
    </main>
  );
}
