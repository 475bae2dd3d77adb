import { useEffect, useRef } from "preact/hooks";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { OutcomeMessage } from "@/components/OutcomeMessage";
import { ENVIRONMENT_LABEL_KEYS, isProductionEnvironment } from "@/utils/environments";
import { formatNumber } from "@/utils/format";
import { t } from "@/utils/i18n";
import { CHANNEL_LABEL_KEYS } from "@/utils/outcome-labels";
import { messageOf } from "@/utils/send-log";
import { Filters } from "./Filters";
import type { SendLogFilters } from "./filter";
import { hasFilters } from "./filter";
import { LogTable, Pagination } from "./LogTable";
import type { PendingConfirmation } from "./log-actions";
import { noticeWording } from "./notice";
import type { SendLogPageStore } from "./store";

/** The send log page: every send attempt, newest first, searchable, with Send again, export and clear. */
export function App({ store }: { store: SendLogPageStore }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const notice = store.notice.value;

  // The Clear button is disabled once the log is empty; focus goes to the page's top, not to <body>.
  useEffect(() => {
    if (notice?.kind === "cleared") heading.current?.focus();
  }, [notice]);

  const loaded = store.loaded.value;
  const complete = store.complete.value;
  const total = store.entries.value.length;
  const preferences = store.settings.value.preferences;

  return (
    <main class="send-log" aria-busy={!complete}>
      <header class="page-header">
        <h1 ref={heading} tabIndex={-1}>
          {t("sendLog_title")}
        </h1>
        <a
          class="settings-link"
          href="/options.html"
          onClick={(event) => {
            // openOptionsPage focuses an options tab that is already open instead of opening another.
            event.preventDefault();
            store.openOptions();
          }}
        >
          {t("sendLog_settings")}
        </a>
        <div class="page-actions">
          <button
            type="button"
            disabled={!complete || store.filtered.value.length === 0}
            onClick={() => void store.exportCsv()}
          >
            {t("sendLog_exportCsv")}
          </button>
          <button
            type="button"
            disabled={!complete || total === 0 || store.busy.value}
            onClick={store.requestClear}
          >
            {t("sendLog_clear")}
          </button>
        </div>
      </header>
      <p class="hint">
        {preferences.sendLogEnabled ? null : <strong class="history-off">{t("sendLog_historyOff")} </strong>}
        {t(
          "sendLog_retention",
          formatNumber(preferences.sendLogRetentionDays),
          formatNumber(preferences.sendLogMaxEntries),
        )}
      </p>
      <Filters store={store} />
      <div class="summary">
        <p class="count" aria-live="polite">
          {complete ? countText(store.filtered.value.length, total, store.filters.value) : null}
        </p>
        <Pagination store={store} />
      </div>
      {!loaded ? (
        <p class="empty">{t("sendLog_loading")}</p>
      ) : store.pageEntries.value.length === 0 ? (
        <p class="empty">{total === 0 ? t("sendLog_empty") : t("sendLog_noMatch")}</p>
      ) : (
        <LogTable store={store} />
      )}
      <div class="notice-bar">
        <OutcomeMessage {...noticeWording(notice)} />
      </div>
      <Confirmation store={store} pending={store.confirmation.value} />
    </main>
  );
}

function countText(shown: number, total: number, filters: SendLogFilters): string {
  if (!hasFilters(filters)) {
    return total === 1 ? t("sendLog_countAllOne") : t("sendLog_countAll", formatNumber(total));
  }
  return total === 1
    ? t("sendLog_countFilteredOne", formatNumber(shown))
    : t("sendLog_countFiltered", formatNumber(shown), formatNumber(total));
}

function Confirmation({ store, pending }: { store: SendLogPageStore; pending: PendingConfirmation | null }) {
  if (pending === null) return null;
  if (pending.kind === "clear") {
    return (
      <ConfirmDialog
        title={t("sendLog_confirmClearTitle")}
        confirmLabel={t("sendLog_clear")}
        cancelLabel={t("sendLog_cancel")}
        destructive
        onConfirm={() => void store.confirmClear()}
        onCancel={store.cancelConfirmation}
      >
        <p>{t("sendLog_confirmClear", formatNumber(pending.count))}</p>
      </ConfirmDialog>
    );
  }
  const { entry, connection } = pending;
  const production = isProductionEnvironment(connection.environment);
  return (
    <ConfirmDialog
      title={t("sendLog_confirmSendTitle")}
      confirmLabel={t("sendLog_sendAgain")}
      cancelLabel={t("sendLog_cancel")}
      onConfirm={() => void store.confirmSendAgain()}
      onCancel={store.cancelConfirmation}
    >
      <p>
        {t(
          messageOf(entry) === "password-reset" ? "sendLog_confirmSendReset" : "sendLog_confirmSend",
          store.shownRecipient(entry),
          connection.label,
        )}
      </p>
      <p class="hint">
        {t(
          "sendLog_confirmSendDetail",
          connection.clubSlug,
          t(ENVIRONMENT_LABEL_KEYS[connection.environment]),
          t(CHANNEL_LABEL_KEYS[entry.channel]),
        )}
      </p>
      {production ? <p class="production-note">{t("sendLog_productionWarning")}</p> : null}
    </ConfirmDialog>
  );
}
