import { useEffect, useMemo, useRef } from "preact/hooks";
import { browser } from "wxt/browser";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { OutcomeMessage } from "@/components/OutcomeMessage";
import { isChannel } from "@/utils/channel";
import { describeSendOutcome, type OutcomeWording } from "@/utils/describe-outcome";
import { ENVIRONMENT_LABEL_KEYS, isProductionEnvironment } from "@/utils/environments";
import { t } from "@/utils/i18n";
import { MESSAGE_LABEL_KEYS } from "@/utils/message-kind";
import { CHANNEL_LABEL_KEYS } from "@/utils/outcome-labels";
import { isOutcomeKind, outcomeLabelKey, outcomeTone } from "@/utils/outcome-traits";
import { messageOf, type SendLogEntry } from "@/utils/send-log";
import type { SendLogFilters } from "./filter";
import { hasFilters } from "./filter";
import { MessageFilter } from "./MessageFilter";
import type { PendingConfirmation, SendLogNotice, SendLogPageStore } from "./store";

/** Locale-aware formatting, made once per page rather than once per cell. */
interface Formats {
  /** A date in the current year, without the year: the log covers weeks, not years. */
  dateThisYear: Intl.DateTimeFormat;
  date: Intl.DateTimeFormat;
  time: Intl.DateTimeFormat;
  number: Intl.NumberFormat;
  thisYear: number;
}

/** The send log page: every send attempt, newest first, searchable, with Send again, export and clear. */
export function App({ store }: { store: SendLogPageStore }) {
  const formats = useMemo<Formats>(() => {
    const locale = browser.i18n.getUILanguage();
    return {
      dateThisYear: new Intl.DateTimeFormat(locale, { month: "short", day: "numeric" }),
      date: new Intl.DateTimeFormat(locale, { dateStyle: "medium" }),
      time: new Intl.DateTimeFormat(locale, { timeStyle: "medium" }),
      number: new Intl.NumberFormat(locale),
      thisYear: new Date().getFullYear(),
    };
  }, []);
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
          formats.number.format(preferences.sendLogRetentionDays),
          formats.number.format(preferences.sendLogMaxEntries),
        )}
      </p>
      <Filters store={store} />
      <div class="summary">
        <p class="count" aria-live="polite">
          {complete ? countText(store.filtered.value.length, total, store.filters.value, formats) : null}
        </p>
        <Pagination store={store} />
      </div>
      {!loaded ? (
        <p class="empty">{t("sendLog_loading")}</p>
      ) : store.pageEntries.value.length === 0 ? (
        <p class="empty">{total === 0 ? t("sendLog_empty") : t("sendLog_noMatch")}</p>
      ) : (
        <LogTable store={store} formats={formats} />
      )}
      <div class="notice-bar">
        <OutcomeMessage {...noticeWording(notice, formats)} />
      </div>
      <Confirmation store={store} pending={store.confirmation.value} formats={formats} />
    </main>
  );
}

function countText(shown: number, total: number, filters: SendLogFilters, formats: Formats): string {
  if (!hasFilters(filters)) {
    return total === 1 ? t("sendLog_countAllOne") : t("sendLog_countAll", formats.number.format(total));
  }
  return total === 1
    ? t("sendLog_countFilteredOne", formats.number.format(shown))
    : t("sendLog_countFiltered", formats.number.format(shown), formats.number.format(total));
}

function Filters({ store }: { store: SendLogPageStore }) {
  const filters = store.filters.value;
  const kinds = store.outcomeKinds.value.filter((kind) => kind !== "accepted");
  // The selected kind or club stays selectable after the log changed under it (e.g. after a clear).
  if (isOutcomeKind(filters.outcome) && filters.outcome !== "accepted" && !kinds.includes(filters.outcome))
    kinds.push(filters.outcome);
  kinds.sort((a, b) => t(outcomeLabelKey(a)).localeCompare(t(outcomeLabelKey(b))));
  const clubs =
    store.clubs.value.includes(filters.club) || filters.club === ""
      ? store.clubs.value
      : [...store.clubs.value, filters.club];

  return (
    // <search> is the search landmark; there is nothing to submit, every change filters at once.
    <search class="filters" aria-label={t("sendLog_filters")}>
      <div class="filter filter-search">
        <label for="search">{t("sendLog_search")}</label>
        <input
          id="search"
          type="search"
          value={filters.query}
          placeholder={t("sendLog_searchHint")}
          autoComplete="off"
          spellcheck={false}
          onInput={(event) => store.setFilter("query", event.currentTarget.value)}
        />
      </div>
      <div class="filter">
        <label for="filter-outcome">{t("sendLog_filterOutcome")}</label>
        <select
          id="filter-outcome"
          value={filters.outcome}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (value === "all" || value === "failed" || isOutcomeKind(value))
              store.setFilter("outcome", value);
          }}
        >
          <option value="all">{t("sendLog_allOutcomes")}</option>
          <option value="accepted">{t("sendLog_outcome_accepted")}</option>
          <option value="failed">{t("sendLog_failedAny")}</option>
          {kinds.length > 0 ? (
            <optgroup label={t("sendLog_outcomeKinds")}>
              {kinds.map((kind) => (
                <option key={kind} value={kind}>
                  {t(outcomeLabelKey(kind))}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </div>
      <div class="filter">
        <label for="filter-club">{t("sendLog_filterClub")}</label>
        <select
          id="filter-club"
          value={filters.club}
          onChange={(event) => store.setFilter("club", event.currentTarget.value)}
        >
          <option value="">{t("sendLog_allClubs")}</option>
          {clubs.map((club) => (
            <option key={club} value={club}>
              {club}
            </option>
          ))}
        </select>
      </div>
      <div class="filter">
        <label for="filter-channel">{t("sendLog_filterChannel")}</label>
        <select
          id="filter-channel"
          value={filters.channel}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (value === "all" || isChannel(value)) store.setFilter("channel", value);
          }}
        >
          <option value="all">{t("sendLog_allChannels")}</option>
          <option value="email">{t("sendLog_channel_email")}</option>
          <option value="msisdn">{t("sendLog_channel_msisdn")}</option>
        </select>
      </div>
      <MessageFilter store={store} />
      <div class="filter">
        <label for="filter-from">{t("sendLog_filterFrom")}</label>
        <input
          id="filter-from"
          type="date"
          value={filters.from}
          max={filters.to || undefined}
          onInput={(event) => store.setFilter("from", event.currentTarget.value)}
        />
      </div>
      <div class="filter">
        <label for="filter-to">{t("sendLog_filterTo")}</label>
        <input
          id="filter-to"
          type="date"
          value={filters.to}
          min={filters.from || undefined}
          onInput={(event) => store.setFilter("to", event.currentTarget.value)}
        />
      </div>
      <div class="filter filter-reset">
        <button type="button" disabled={!hasFilters(filters)} onClick={store.resetFilters}>
          {t("sendLog_resetFilters")}
        </button>
      </div>
    </search>
  );
}

function Pagination({ store }: { store: SendLogPageStore }) {
  const page = store.currentPage.value;
  const pages = store.pageCount.value;
  // One page needs no paging controls; the count says how many there are.
  if (!store.complete.value || pages === 1) return null;
  return (
    <nav class="pagination" aria-label={t("sendLog_pages")}>
      <button type="button" disabled={page === 0} onClick={() => store.goToPage(page - 1)}>
        {t("sendLog_previous")}
      </button>
      <span class="page-info">{t("sendLog_pageInfo", page + 1, pages)}</span>
      <button type="button" disabled={page >= pages - 1} onClick={() => store.goToPage(page + 1)}>
        {t("sendLog_next")}
      </button>
    </nav>
  );
}

function LogTable({ store, formats }: { store: SendLogPageStore; formats: Formats }) {
  const connections = store.connections.value;
  const busy = store.busy.value;
  return (
    <table class="log-table">
      <caption class="visually-hidden">{t("sendLog_caption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("sendLog_col_time")}</th>
          <th scope="col">{t("sendLog_col_connection")}</th>
          <th scope="col">{t("sendLog_col_environment")}</th>
          <th scope="col">{t("sendLog_col_club")}</th>
          <th scope="col" class="col-channel">
            {t("sendLog_col_channel")}
          </th>
          <th scope="col">{t("sendLog_col_recipient")}</th>
          <th scope="col">{t("sendLog_col_message")}</th>
          <th scope="col">{t("sendLog_col_outcome")}</th>
          <th scope="col" class="num">
            {t("sendLog_col_status")}
          </th>
          <th scope="col" class="num">
            {t("sendLog_col_duration")}
          </th>
          <th scope="col">
            <span class="visually-hidden">{t("sendLog_col_actions")}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {store.pageEntries.value.map((entry) => (
          <Row
            key={entry.id}
            entry={entry}
            formats={formats}
            connectionSaved={connections.has(entry.connectionId)}
            busy={busy}
            onSendAgain={store.requestSendAgain}
          />
        ))}
      </tbody>
    </table>
  );
}

function Row(props: {
  entry: SendLogEntry;
  formats: Formats;
  connectionSaved: boolean;
  busy: boolean;
  onSendAgain: (entry: SendLogEntry) => void;
}) {
  const { entry, formats } = props;
  const tone = outcomeTone(entry.outcome);
  return (
    <tr>
      <td class="time">
        {/* Date and time apart, so a narrow window breaks the line between them. */}
        <time dateTime={new Date(entry.at).toISOString()}>
          <span>
            {(new Date(entry.at).getFullYear() === formats.thisYear
              ? formats.dateThisYear
              : formats.date
            ).format(entry.at)}
          </span>{" "}
          <span>{formats.time.format(entry.at)}</span>
        </time>
      </td>
      <td class="connection">
        {entry.connectionLabel}
        {props.connectionSaved ? null : <span class="removed"> {t("sendLog_connectionRemoved")}</span>}
      </td>
      <td class="nowrap">
        <span class={isProductionEnvironment(entry.environment) ? "env env-production" : "env"}>
          {t(ENVIRONMENT_LABEL_KEYS[entry.environment])}
        </span>
      </td>
      <td class="nowrap">{entry.club}</td>
      <td class="nowrap col-channel">{t(CHANNEL_LABEL_KEYS[entry.channel])}</td>
      <th scope="row" class="recipient">
        {entry.channel === "msisdn" ? `+${entry.recipient}` : entry.recipient}
      </th>
      <td class="message">{t(MESSAGE_LABEL_KEYS[messageOf(entry)])}</td>
      <td>
        <span class={`outcome-tag outcome-${tone}`}>{t(outcomeLabelKey(entry.outcome))}</span>
      </td>
      <td class="num">{entry.status ?? <span class="muted">{t("sendLog_noStatus")}</span>}</td>
      <td class="num">{t("sendLog_durationMs", formats.number.format(entry.durationMs))}</td>
      <td class="row-actions">
        <button
          type="button"
          class="small"
          disabled={props.busy}
          aria-label={t("sendLog_sendAgainTo", entry.recipient)}
          onClick={() => props.onSendAgain(entry)}
        >
          {t("sendLog_sendAgain")}
        </button>
      </td>
    </tr>
  );
}

function Confirmation(props: {
  store: SendLogPageStore;
  pending: PendingConfirmation | null;
  formats: Formats;
}) {
  const { store, pending, formats } = props;
  if (pending === null) return null;
  if (pending.kind === "clear") {
    return (
      <ConfirmDialog
        title={t("sendLog_confirmClearTitle")}
        confirmLabel={t("sendLog_clear")}
        cancelLabel={t("sendLog_cancel")}
        initialFocus="cancel"
        destructive
        onConfirm={() => void store.confirmClear()}
        onCancel={store.cancelConfirmation}
      >
        <p>{t("sendLog_confirmClear", formats.number.format(pending.count))}</p>
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
          entry.recipient,
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

function noticeWording(
  notice: SendLogNotice | null,
  formats: Formats,
): {
  wording: OutcomeWording | null;
  pendingText?: string;
} {
  const success = (summary: string): { wording: OutcomeWording } => ({
    wording: { tone: "success", summary, details: [] },
  });
  const failure = (summary: string, nextStep: string): { wording: OutcomeWording } => ({
    wording: { tone: "error", summary, nextStep, details: [] },
  });
  switch (notice?.kind) {
    case undefined:
      return { wording: null };
    case "sending":
      return { wording: null, pendingText: t("sendLog_sending", notice.recipient) };
    case "sent":
      return { wording: describeSendOutcome(notice.outcome) };
    case "connectionGone":
      return failure(t("sendLog_connectionGone", notice.label), t("sendLog_connectionGone_next"));
    case "sendFailed":
      return failure(t("sendLog_sendFailed"), t("sendLog_sendFailed_next"));
    case "exported":
      return success(t("sendLog_exported", formats.number.format(notice.count), notice.file));
    case "exportFailed":
      return failure(t("sendLog_exportFailed"), t("sendLog_exportFailed_next"));
    case "cleared":
      return success(t("sendLog_cleared"));
    case "clearFailed":
      return failure(t("sendLog_clearFailed"), t("sendLog_sendFailed_next"));
  }
}
