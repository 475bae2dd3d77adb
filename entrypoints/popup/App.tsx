import { useEffect, useRef } from "preact/hooks";
import { EnvironmentBadge } from "@/components/EnvironmentBadge";
import { OutcomeMessage } from "@/components/OutcomeMessage";
import { describeSendOutcome } from "@/utils/describe-outcome";
import { isProductionEnvironment } from "@/utils/environments";
import { t } from "@/utils/i18n";
import { type PopupDeps, type PopupState, usePopup } from "./use-popup";

/** The popup: the connection in view, one field, one button, one outcome. */
export function App({ deps }: { deps: PopupDeps }) {
  const popup = usePopup(deps);
  if (popup.settings === undefined) return null;
  return popup.isConfigured ? <SendForm popup={popup} /> : <NotConfigured popup={popup} />;
}

function NotConfigured({ popup }: { popup: PopupState }) {
  return (
    <main class="popup">
      <h1>{t("popup_notConfiguredTitle")}</h1>
      <p>{t("popup_notConfiguredBody")}</p>
      <button type="button" class="primary" onClick={popup.openOptions}>
        {t("popup_openSettings")}
      </button>
    </main>
  );
}

function SendForm({ popup }: { popup: PopupState }) {
  const connection = popup.connection;
  const field = useRef<HTMLInputElement>(null);
  const sending = popup.sending;
  const problem = popup.problem;
  const outcome = popup.outcome;

  // On open, and after every outcome: the next address can be pasted at once.
  useEffect(() => {
    if (!sending) field.current?.focus();
  }, [sending]);

  if (connection === null) return null;
  const production = isProductionEnvironment(connection.environment);
  return (
    <main class={`popup ${production ? "popup-production" : ""}`}>
      <h1 class="visually-hidden">{t("popup_heading")}</h1>
      <header class="connection">
        <EnvironmentBadge environment={connection.environment} />
        <span class="club">
          <span class="club-label">{t("popup_club")}</span> <strong>{connection.clubSlug}</strong>
        </span>
        <button type="button" class="link" onClick={popup.openOptions}>
          {t("popup_settings")}
        </button>
      </header>
      {production ? <p class="production-note">{t("popup_productionWarning")}</p> : null}
      {connection.environment === "custom" ? (
        <p class="hint">{t("popup_customHost", new URL(connection.baseUrl).host)}</p>
      ) : null}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void popup.submit();
        }}
      >
        <label for="member-email">{t("popup_memberEmail")}</label>
        <input
          ref={field}
          id="member-email"
          type="text"
          inputMode="email"
          autoComplete="off"
          spellcheck={false}
          value={popup.email}
          aria-invalid={problem !== null}
          aria-describedby={problem !== null ? "member-email-error" : "member-email-hint"}
          onInput={(event) => popup.setEmail(event.currentTarget.value)}
        />
        {problem !== null ? (
          <p id="member-email-error" class="field-error" role="alert">
            {t(`emailError_${problem}`)}
          </p>
        ) : (
          <p id="member-email-hint" class="hint">
            {t("popup_emailHint")}
          </p>
        )}
        <button type="submit" class="primary" disabled={sending}>
          {t("popup_send")}
        </button>
      </form>
      <OutcomeMessage
        wording={outcome === null ? null : describeSendOutcome(outcome)}
        pendingText={sending ? t("popup_sending") : null}
      />
    </main>
  );
}
