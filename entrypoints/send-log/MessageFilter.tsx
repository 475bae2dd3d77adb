import { t } from "@/utils/i18n";
import { isMessageKind, MESSAGE_KINDS, MESSAGE_LABEL_KEYS } from "@/utils/message-kind";
import type { SendLogPageStore } from "./store";

/** The send log's filter by which message was sent (an entry from before kinds is a registration). */
export function MessageFilter({ store }: { store: SendLogPageStore }) {
  const filters = store.filters.value;
  return (
    <div class="filter">
      <label for="filter-message">{t("sendLog_filterMessage")}</label>
      <select
        id="filter-message"
        value={filters.message}
        onChange={(event) => {
          const value = event.currentTarget.value;
          if (value === "all" || isMessageKind(value)) store.setFilter("message", value);
        }}
      >
        <option value="all">{t("sendLog_allMessages")}</option>
        {MESSAGE_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(MESSAGE_LABEL_KEYS[kind])}
          </option>
        ))}
      </select>
    </div>
  );
}
