import "./recent-sends.css";
import { useEffect, useState } from "preact/hooks";
import { formatDateTime, formatTimeAgo } from "@/utils/format";
import { t } from "@/utils/i18n";
import { outcomeTone } from "@/utils/outcome-traits";
import type { SendLogEntry } from "@/utils/send-log";
import type { Connection } from "@/utils/settings";
import { recentOutcomeWords, shownRecipient } from "./recent-words";
import { type PopupDeps, RECENT_SENDS_SHOWN } from "./use-popup";

/**
 * How many of the newest log entries are read to find the connection's last few: a desk working
 * with two malls rarely has more than this many of the other one's in between.
 */
const RECENT_SENDS_READ = 50;

/** The last few sends with the connection in view, with links to the Send log and Bulk pages. */
export function RecentSends({ deps, connection }: { deps: PopupDeps; connection: Connection }) {
  const recent = useRecentSends(deps, connection.id);
  const formatMsisdn = useMsisdnFormat(recent);
  const bulkEnabled = useBulkEnabled(deps);
  const now = Date.now();
  const shown = formatMsisdn === null ? [] : recent;
  return (
    <section class="recent" aria-labelledby={shown.length > 0 ? "recent-heading" : undefined}>
      <div class="recent-head">
        {shown.length > 0 ? <h2 id="recent-heading">{t("popup_recentSends", connection.label)}</h2> : null}
        <nav class="recent-links">
          {bulkEnabled ? (
            <a
              href="/bulk.html"
              onClick={(event) => {
                event.preventDefault();
                deps.openBulk();
              }}
            >
              {t("popup_bulk")}
            </a>
          ) : null}
          <a
            href="/send-log.html"
            onClick={(event) => {
              event.preventDefault();
              deps.openSendLog();
            }}
          >
            {t("popup_sendLog")}
          </a>
        </nav>
      </div>
      {shown.length > 0 && formatMsisdn !== null ? (
        <ul>
          {shown.map((entry) => (
            <li key={entry.id}>
              <span title={shownRecipient(entry, formatMsisdn)}>{shownRecipient(entry, formatMsisdn)}</span>
              <span class={`recent-outcome recent-${outcomeTone(entry.outcome)}`}>
                {recentOutcomeWords(entry)}
              </span>
              <time dateTime={new Date(entry.at).toISOString()} title={formatDateTime(entry.at)}>
                {formatTimeAgo(entry.at, now)}
              </time>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** The connection's last few sends, read after the form is on screen and kept up to date. */
function useRecentSends(deps: PopupDeps, connectionId: string): SendLogEntry[] {
  const [recent, setRecent] = useState<SendLogEntry[]>([]);
  // A plain effect on purpose: it runs after the form is painted, so the field never waits for it.
  useEffect(() => {
    const load = () =>
      void deps
        .readRecentSends(RECENT_SENDS_READ)
        .then(
          (entries) =>
            setRecent(entries.filter((e) => e.connectionId === connectionId).slice(0, RECENT_SENDS_SHOWN)),
          console.error,
        );
    load();
    return deps.watchSendLog(load);
  }, [deps, connectionId]);
  return recent;
}

/** The number formatter, once loaded; loaded only when the list holds a number (libphonenumber is heavy). */
function useMsisdnFormat(recent: SendLogEntry[]): ((msisdn: string) => string) | null {
  const [format, setFormat] = useState<((msisdn: string) => string) | null>(null);
  const needed = recent.some((entry) => entry.channel === "msisdn");
  useEffect(() => {
    if (needed && format === null)
      import("@/utils/phone-format").then((module) => setFormat(() => module.formatMsisdn), console.error);
  }, [needed, format]);
  return needed ? format : String;
}

/**
 * Whether to offer Bulk: hidden when the organisation switched bulk runs off (and while unknown).
 * Read once: a popup lives seconds, and the Bulk page and the background check again.
 */
function useBulkEnabled(deps: PopupDeps): boolean {
  const [enabled, setEnabled] = useState(false);
  useEffect(() => {
    void deps.readBulkEnabled().then(setEnabled, console.error);
  }, [deps]);
  return enabled;
}
