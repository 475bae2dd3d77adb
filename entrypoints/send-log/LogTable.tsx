import type { ComponentChild } from "preact";

import { ENVIRONMENT_LABEL_KEYS, isProductionEnvironment } from "@/utils/environments";
import { type Formats, formats } from "@/utils/format";
import { type MessageKey, t } from "@/utils/i18n";
import { MESSAGE_LABEL_KEYS } from "@/utils/message-kind";
import { CHANNEL_LABEL_KEYS } from "@/utils/outcome-labels";
import { outcomeLabelKey, outcomeTone } from "@/utils/outcome-traits";
import { messageOf, type SendLogEntry } from "@/utils/send-log";
import type { SendLogPageStore } from "./store";

/** What a cell may need besides its entry. */
interface RowContext {
  formats: Formats;
  thisYear: number;
  /** The entry's connection is still saved, so Send again can work. */
  connectionSaved: boolean;
  busy: boolean;
  onSendAgain: (entry: SendLogEntry) => void;
  /** A label without substitutions, looked up once per render rather than once per row. */
  label: (key: MessageKey) => string;
  /** The recipient as a person reads it (a number in international format once that is loaded). */
  shownRecipient: SendLogPageStore["shownRecipient"];
}

/**
 * An email address that may wrap after its "@" when its column is narrow, before the browser
 * breaks it anywhere ("bjorn.14@example.n|o"). A number wraps at its own spaces.
 */
function breakableAddress(shown: string): ComponentChild {
  const at = shown.lastIndexOf("@");
  if (at <= 0) return shown;
  return (
    <>
      {shown.slice(0, at + 1)}
      <wbr />
      {shown.slice(at + 1)}
    </>
  );
}

/** One column of the table: its header and its cell (a <td>, or the row's <th>). */
interface Column {
  id: string;
  header: () => ComponentChild;
  /** Classes of both the header and the cells, e.g. "num" (right-aligned) or "col-channel". */
  class?: string;
  cell: (entry: SendLogEntry, context: RowContext) => ComponentChild;
}

/**
 * The table's columns, in order. A new column is one more entry here; its width, if it needs a set
 * one, is a `col.col-<id>` rule in send-log.css (columns without one share what is left).
 */
const COLUMNS: readonly Column[] = [
  {
    id: "time",
    header: () => t("sendLog_col_time"),
    class: "time",
    // Date and time apart, so a narrow window breaks the line between them.
    cell: (entry, { formats: f, thisYear }) => (
      <time dateTime={new Date(entry.at).toISOString()}>
        <span>
          {(new Date(entry.at).getFullYear() === thisYear ? f.dateThisYear : f.date).format(entry.at)}
        </span>{" "}
        <span>{f.time.format(entry.at)}</span>
      </time>
    ),
  },
  {
    id: "connection",
    header: () => t("sendLog_col_connection"),
    class: "connection",
    cell: (entry, { connectionSaved, label }) => (
      <>
        {entry.connectionLabel}
        {connectionSaved ? null : <span class="removed"> {label("sendLog_connectionRemoved")}</span>}
      </>
    ),
  },
  {
    id: "environment",
    header: () => t("sendLog_col_environment"),
    class: "nowrap",
    cell: (entry, { label }) => (
      <span class={isProductionEnvironment(entry.environment) ? "env env-production" : "env"}>
        {label(ENVIRONMENT_LABEL_KEYS[entry.environment])}
      </span>
    ),
  },
  { id: "club", header: () => t("sendLog_col_club"), class: "club", cell: (entry) => entry.club },
  {
    id: "channel",
    header: () => t("sendLog_col_channel"),
    class: "nowrap col-channel",
    cell: (entry, { label }) => label(CHANNEL_LABEL_KEYS[entry.channel]),
  },
  {
    id: "recipient",
    header: () => t("sendLog_col_recipient"),
    class: "recipient",
    cell: (entry, { shownRecipient }) => breakableAddress(shownRecipient(entry)),
  },
  {
    id: "message",
    header: () => t("sendLog_col_message"),
    cell: (entry, { label }) => label(MESSAGE_LABEL_KEYS[messageOf(entry)]),
  },
  {
    id: "outcome",
    header: () => t("sendLog_col_outcome"),
    cell: (entry, { label }) => (
      <span class={`tag tone-${outcomeTone(entry.outcome)}`}>{label(outcomeLabelKey(entry.outcome))}</span>
    ),
  },
  {
    id: "status",
    header: () => t("sendLog_col_status"),
    class: "num",
    cell: (entry, { label }) => entry.status ?? <span class="muted">{label("sendLog_noStatus")}</span>,
  },
  {
    id: "duration",
    header: () => t("sendLog_col_duration"),
    class: "num",
    cell: (entry, { formats: f }) => t("sendLog_durationMs", f.number.format(entry.durationMs)),
  },
  {
    id: "actions",
    header: () => <span class="visually-hidden">{t("sendLog_col_actions")}</span>,
    class: "row-actions",
    // A removed connection cannot send: say why rather than offer a button that always fails.
    cell: (entry, context) =>
      context.connectionSaved ? (
        <button
          type="button"
          class="small"
          disabled={context.busy}
          aria-label={t("sendLog_sendAgainTo", context.shownRecipient(entry))}
          onClick={() => context.onSendAgain(entry)}
        >
          {context.label("sendLog_sendAgain")}
        </button>
      ) : (
        <span class="muted cannot-send">{context.label("sendLog_sendAgainConnectionGone")}</span>
      ),
  },
];

/** The column whose cell is the row's header: the recipient is what a person looks a row up by. */
const ROW_HEADER = "recipient";

/** The page's rows, one per entry, with the columns above. */
export function LogTable({ store }: { store: SendLogPageStore }) {
  const connections = store.connections.value;
  const busy = store.busy.value;
  const f = formats();
  const thisYear = new Date().getFullYear();
  const labels = new Map<MessageKey, string>();
  const label = (key: MessageKey): string => {
    let text = labels.get(key);
    if (text === undefined) {
      text = t(key);
      labels.set(key, text);
    }
    return text;
  };
  return (
    <table class="data-table log-table">
      <caption class="visually-hidden">{t("sendLog_caption")}</caption>
      {/* The fixed layout takes its widths from here (send-log.css), not from measuring every cell. */}
      <colgroup>
        {COLUMNS.map((column) => (
          <col key={column.id} class={`col-${column.id}`} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {COLUMNS.map((column) => (
            <th key={column.id} scope="col" class={column.class}>
              {column.header()}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {store.pageEntries.value.map((entry) => (
          <Row
            key={entry.id}
            entry={entry}
            formats={f}
            thisYear={thisYear}
            connectionSaved={connections.has(entry.connectionId)}
            busy={busy}
            onSendAgain={store.requestSendAgain}
            label={label}
            shownRecipient={store.shownRecipient}
          />
        ))}
      </tbody>
    </table>
  );
}

/** A row re-renders only when its entry or what its cells read changes (a live update adds one row). */
function Row(props: RowContext & { entry: SendLogEntry }) {
  const { entry } = props;
  return (
    <tr>
      {COLUMNS.map((column) =>
        column.id === ROW_HEADER ? (
          <th key={column.id} scope="row" class={column.class}>
            {column.cell(entry, props)}
          </th>
        ) : (
          <td key={column.id} class={column.class}>
            {column.cell(entry, props)}
          </td>
        ),
      )}
    </tr>
  );
}

/** Previous and Next through the filtered entries, when there is more than one page. */
export function Pagination({ store }: { store: SendLogPageStore }) {
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
