import { EnvironmentBadge } from "@/components/EnvironmentBadge";
import { ENVIRONMENT_LABEL_KEYS } from "@/utils/environments";
import { t } from "@/utils/i18n";
import type { BulkPageStore } from "./store";

/**
 * Which connection this page sends with: a select when there are two or more saved ones, then
 * the chosen connection's line, production marked as loudly as in the popup.
 */
export function ConnectionChoice({ store }: { store: BulkPageStore }) {
  const connection = store.connection.value;
  const connections = store.settings.value.connections;
  if (connection === null) {
    return (
      <p class="no-connection">
        {t("bulk_noConnection")}{" "}
        <button type="button" class="link" onClick={store.openOptions}>
          {t("bulk_openSettings")}
        </button>
      </p>
    );
  }
  return (
    <>
      {connections.length > 1 ? (
        <div class="field connection-choice">
          <label for="bulk-connection">{t("bulk_connection")}</label>
          <select
            id="bulk-connection"
            value={connection.id}
            onChange={(event) => store.pickConnection(event.currentTarget.value)}
          >
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                {t("bulk_connectionOption", c.label, t(ENVIRONMENT_LABEL_KEYS[c.environment]))}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <p class="connection-line">
        <span>{t("bulk_sendsWith")}</span> <strong>{connection.label}</strong>
        <span class="sep" aria-hidden="true">
          ·
        </span>
        <span>{t("bulk_club", connection.clubSlug)}</span>
        <span class="sep" aria-hidden="true">
          ·
        </span>
        <EnvironmentBadge environment={connection.environment} />
      </p>
    </>
  );
}
