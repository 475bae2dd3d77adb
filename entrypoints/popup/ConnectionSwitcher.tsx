import "./connection-switcher.css";
import { ENVIRONMENT_LABEL_KEYS } from "@/utils/environments";
import { t } from "@/utils/i18n";
import type { PopupState } from "./use-popup";

/** One click to another saved connection; only there when there is more than one. */
export function ConnectionSwitcher({ popup }: { popup: PopupState }) {
  const connections = popup.settings?.connections ?? [];
  if (connections.length < 2) return null;
  return (
    <div class="switcher">
      <label for="connection">{t("popup_connection")}</label>
      <select
        id="connection"
        value={popup.connection?.id ?? ""}
        onChange={(event) => popup.switchConnection(event.currentTarget.value)}
      >
        {connections.map((c) => (
          <option key={c.id} value={c.id}>
            {t("popup_connectionOption", c.label, t(ENVIRONMENT_LABEL_KEYS[c.environment]))}
          </option>
        ))}
      </select>
      {popup.switchFailure ? (
        <p class="field-error" role="alert">
          {t(
            popup.switchFailure === "newer-version"
              ? "popup_switchNewerVersion"
              : "popup_switchStorageFailed",
          )}
        </p>
      ) : null}
    </div>
  );
}
