import { isChannel } from "@/utils/channel";
import { t } from "@/utils/i18n";
import { isOutcomeKind, outcomeLabelKey } from "@/utils/outcome-traits";
import { hasFilters } from "./filter";
import { MessageFilter } from "./MessageFilter";
import type { SendLogPageStore } from "./store";

/** Search, outcome, club, channel and date filters: every change filters at once. */
export function Filters({ store }: { store: SendLogPageStore }) {
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
