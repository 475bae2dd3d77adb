import { useSignal } from "@preact/signals";
import { ENVIRONMENT_LABEL_KEYS } from "@/components/EnvironmentBadge";
import { OutcomeMessage } from "@/components/OutcomeMessage";
import { TextField } from "@/components/TextField";
import { describeConnectionCheck, type OutcomeWording } from "@/utils/describe-outcome";
import { ENVIRONMENT_IDS, isEnvironmentId } from "@/utils/environments";
import { t } from "@/utils/i18n";
import type { ConnectionField } from "@/utils/validation/connection";
import type { OptionsNotice, OptionsStore } from "./store";

/** The options page: one connection to Placewise, checked before it is saved. */
export function App({ store }: { store: OptionsStore }) {
  const draft = store.draft.value;
  const showToken = useSignal(false);
  const problem = (field: ConnectionField) => {
    const found = store.problems.value[field];
    return found ? t(`fieldError_${found}`) : null;
  };
  const onSubmit = (event: Event) => {
    event.preventDefault();
    void store.save();
  };

  return (
    <main class="options">
      <h1>{t("options_title")}</h1>
      <form noValidate onSubmit={onSubmit} aria-busy={!store.loaded.value}>
        <h2>{t("options_connection")}</h2>
        <div class="field">
          <label for="environment">{t("options_environment")}</label>
          <select
            id="environment"
            value={draft.environment}
            onChange={(event) => {
              const value = event.currentTarget.value;
              if (isEnvironmentId(value)) store.update("environment", value);
            }}
          >
            {ENVIRONMENT_IDS.map((id) => (
              <option key={id} value={id}>
                {t(ENVIRONMENT_LABEL_KEYS[id])}
              </option>
            ))}
          </select>
        </div>
        <TextField
          id="base-url"
          type="url"
          label={t("options_baseUrl")}
          value={draft.baseUrl}
          readOnly={draft.environment !== "custom"}
          hint={draft.environment !== "custom" ? t("options_baseUrlHint") : undefined}
          error={problem("baseUrl")}
          onInput={(value) => store.update("baseUrl", value)}
        />
        <TextField
          id="client-token"
          type={showToken.value ? "text" : "password"}
          label={t("options_token")}
          value={draft.token}
          hint={
            store.hasSavedToken.value
              ? t("options_tokenHint")
              : `${t("options_noToken")} ${t("options_tokenHint")}`
          }
          error={problem("token")}
          onInput={(value) => store.update("token", value)}
        >
          <button
            type="button"
            aria-pressed={showToken.value}
            aria-controls="client-token"
            onClick={() => {
              showToken.value = !showToken.value;
            }}
          >
            {showToken.value ? t("options_hideToken") : t("options_showToken")}
          </button>
        </TextField>
        <div class="checkbox">
          <input
            id="dont-remember"
            type="checkbox"
            checked={!draft.rememberToken}
            aria-describedby="dont-remember-hint"
            onChange={(event) => store.update("rememberToken", !event.currentTarget.checked)}
          />
          <label for="dont-remember">{t("options_dontRemember")}</label>
          <p id="dont-remember-hint" class="hint">
            {t("options_dontRememberHint")}
          </p>
        </div>
        <TextField
          id="product-name"
          label={t("options_productName")}
          value={draft.productName}
          hint={t("options_productNameHint")}
          error={problem("productName")}
          onInput={(value) => store.update("productName", value)}
        />
        <TextField
          id="club-slug"
          label={t("options_clubSlug")}
          value={draft.clubSlug}
          hint={t("options_clubSlugHint")}
          error={problem("clubSlug")}
          onInput={(value) => store.update("clubSlug", value)}
        />
        <TextField
          id="customer-id"
          label={t("options_customerId")}
          value={draft.customerId}
          hint={t("options_customerIdHint")}
          error={problem("customerId")}
          onInput={(value) => store.update("customerId", value)}
        />
        <div class="actions">
          <button type="submit" class="primary" disabled={store.busy.value}>
            {t("options_save")}
          </button>
          <button type="button" disabled={store.busy.value} onClick={() => void store.testConnection()}>
            {t("options_testConnection")}
          </button>
          <button
            type="button"
            disabled={!store.hasSavedToken.value}
            onClick={() => void store.forgetToken()}
          >
            {t("options_forgetToken")}
          </button>
        </div>
        <Notice notice={store.notice.value} />
      </form>
    </main>
  );
}

/** Words the last notice; saving results stay in role=status, a failed test in role=alert. */
function Notice({ notice }: { notice: OptionsNotice | null }) {
  return <OutcomeMessage {...noticeWording(notice)} />;
}

function noticeWording(notice: OptionsNotice | null): {
  wording: OutcomeWording | null;
  pendingText?: string;
} {
  const status = (summary: string): { wording: OutcomeWording } => ({
    wording: { tone: "success", summary, details: [] },
  });
  switch (notice?.kind) {
    case undefined:
      return { wording: null };
    case "saving":
      return { wording: null, pendingText: t("options_saving") };
    case "testing":
      return { wording: null, pendingText: t("options_testing") };
    case "saved":
      return status(t("options_saved"));
    case "notSaved":
      return status(t("options_notSaved"));
    case "notTested":
      return status(t("options_notTested"));
    case "tokenForgotten":
      return status(t("options_tokenForgotten"));
    case "permissionDenied":
      return status(t("options_permissionDenied", notice.host));
    case "tested":
      return notice.result.ok
        ? { wording: describeConnectionCheck(notice.result.outcome) }
        : status(t("options_notSaved"));
  }
}
