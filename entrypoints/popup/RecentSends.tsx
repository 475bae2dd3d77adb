import { useEffect, useState } from "preact/hooks";
import { t } from "@/utils/i18n";
import { outcomeTone } from "@/utils/outcome-traits";
import type { SendLogEntry } from "@/utils/send-log";
import { recentOutcomeWords, shownRecipient, timeAgo } from "./recent-words";
import { type PopupDeps, RECENT_SENDS_SHOWN } from "./use-popup";

/** The last few sends, with a link to the Send log page. Loaded after the popup's first frame. */
export function RecentSends({ deps }: { deps: PopupDeps }) {
  const recent = useRecentSends(deps);
  const bulkEnabled = useBulkEnabled(deps);
  const now = Date.now();
  return (
    <section class="recent" aria-labelledby={recent.length > 0 ? "recent-heading" : undefined}>
      <div class="recent-head">
        {recent.length > 0 ? <h2 id="recent-heading">{t("popup_recentSends")}</h2> : null}
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
      {recent.length > 0 ? (
        <ul>
          {recent.map((entry) => (
            <li key={entry.id}>
              <span title={shownRecipient(entry)}>{shownRecipient(entry)}</span>
              <span class={`recent-outcome recent-${outcomeTone(entry.outcome)}`}>
                {recentOutcomeWords(entry)}
              </span>
              <time dateTime={new Date(entry.at).toISOString()} title={new Date(entry.at).toLocaleString()}>
                {timeAgo(entry.at, now)}
              </time>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** The last few sends, read after the form is on screen and kept up to date. */
function useRecentSends(deps: PopupDeps): SendLogEntry[] {
  const [recent, setRecent] = useState<SendLogEntry[]>([]);
  // A plain effect on purpose: it runs after the form is painted, so the field never waits for it.
  useEffect(() => {
    const load = () => void deps.readRecentSends(RECENT_SENDS_SHOWN).then(setRecent, console.error);
    load();
    return deps.watchSendLog(load);
  }, [deps]);
  return recent;
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
