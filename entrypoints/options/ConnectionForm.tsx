import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { TextField } from "@/components/TextField";
import { ENVIRONMENT_IDS, ENVIRONMENT_LABEL_KEYS, isEnvironmentId } from "@/utils/environments";
import { languageName } from "@/utils/format";
import { t } from "@/utils/i18n";
import type { ConnectionField } from "@/utils/validation/connection";
import { ClubPicker } from "./ClubPicker";
import { REJECTED_FIELD } from "./connection-form";
import { SET_BY_POLICY_ID, setByPolicyText } from "./PolicyNotice";
import type { OptionsStore } from "./store";
import { useAfterPointerRelease } from "./use-after-pointer-release";
import { describeClubList, describeLanguages, type FieldNote, REJECTION_TEXT } from "./wording";

/** Id of the form's heading, which takes focus when another connection is opened. */
export const FORM_HEADING_ID = "connection-form-heading";

/** The form for one connection: new, or the saved one being edited. */
export function ConnectionForm({ store, focus }: { store: OptionsStore; focus: (id: string) => void }) {
  const draft = store.draft.value;
  const editing = store.editing.value;
  const showToken = useSignal(false);
  // Set by the organisation's policy: every field but the token (and where it is kept) is shown, not editable.
  const locked = store.fieldsSetByPolicy.value;
  const { policy } = store.policy.value;
  const sessionOnly = policy.rememberTokens === "never";
  const refused = store.rejection.value;
  const problem = (field: ConnectionField) => {
    const found = store.problems.value[field];
    // What Placewise refused in the last test is said next to the field it is about.
    if (!found)
      return refused !== null && REJECTED_FIELD[refused] === field ? REJECTION_TEXT[refused]() : null;
    if (field === "environment") return t("options_environmentRequired");
    // The login URL may carry a query; only a user name or password in it is refused.
    if (field === "loginUrl" && found === "urlExtras") return t("options_loginUrlCredentials");
    return t(`fieldError_${found}`);
  };
  const onSubmit = (event: Event) => {
    event.preventDefault();
    void store.save();
  };
  const environmentError = problem("environment");
  const afterPointerRelease = useAfterPointerRelease();
  // Leaving a field the club list depends on loads the list for the values now in the form; the
  // notes it shows wait for a pressed button to be released, so that button does not move.
  const settled = () =>
    afterPointerRelease(() => {
      void store.loadClubs("auto");
      void store.loadLanguages();
    });
  const baseUrlRef = useBlur(settled);
  const tokenRef = useBlur(settled);
  const productRef = useBlur(settled);
  const customerRef = useBlur(settled);

  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby={FORM_HEADING_ID} class="connection-form">
      <h2 id={FORM_HEADING_ID} tabIndex={-1}>
        {editing ? t("options_editConnection", editing.label) : t("options_newConnection")}
      </h2>
      {locked ? (
        <p id={SET_BY_POLICY_ID} class="policy-line">
          {setByPolicyText(store)}
        </p>
      ) : null}
      <div class="field">
        <label for="environment">{t("options_environment")}</label>
        <select
          id="environment"
          value={draft.environment}
          disabled={locked}
          aria-invalid={environmentError ? true : undefined}
          aria-describedby={
            [environmentError ? "environment-error" : null, locked ? SET_BY_POLICY_ID : null]
              .filter(Boolean)
              .join(" ") || undefined
          }
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (!isEnvironmentId(value)) return;
            store.update("environment", value);
            settled();
          }}
        >
          {draft.environment === "" ? <option value="">{t("options_chooseEnvironment")}</option> : null}
          {ENVIRONMENT_IDS.map((id) => (
            <option
              key={id}
              value={id}
              // IT may forbid custom base URLs for the operator's own connections.
              disabled={id === "custom" && !policy.allowCustomBaseUrl && !locked}
            >
              {id === "custom" && !policy.allowCustomBaseUrl && !locked
                ? t("policy_customNotAllowed")
                : t(ENVIRONMENT_LABEL_KEYS[id])}
            </option>
          ))}
        </select>
        {environmentError ? (
          <p id="environment-error" class="field-error">
            {environmentError}
          </p>
        ) : null}
      </div>
      <TextField
        id="base-url"
        type="url"
        label={t("options_baseUrl")}
        value={draft.baseUrl}
        readOnly={draft.environment !== "custom"}
        disabled={locked}
        hint={draft.environment !== "custom" ? t("options_baseUrlHint") : undefined}
        error={problem("baseUrl")}
        inputRef={baseUrlRef}
        onInput={(value) => store.update("baseUrl", value)}
      />
      <TextField
        id="client-token"
        type={showToken.value ? "text" : "password"}
        label={t("options_token")}
        value={draft.token}
        hint={
          // "No token is saved." goes once one is being typed.
          store.hasSavedToken.value || draft.token !== ""
            ? t("options_tokenHint")
            : `${t("options_noToken")} ${t("options_tokenHint")}`
        }
        error={problem("token")}
        inputRef={tokenRef}
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
          checked={sessionOnly || !draft.rememberToken}
          disabled={sessionOnly}
          aria-describedby="dont-remember-hint"
          onChange={(event) => store.update("rememberToken", !event.currentTarget.checked)}
        />
        <label for="dont-remember">{t("options_dontRemember")}</label>
        <p id="dont-remember-hint" class="hint">
          {sessionOnly
            ? `${t("options_dontRememberHint")} ${setByPolicyText(store)}`
            : t("options_dontRememberHint")}
        </p>
      </div>
      <TextField
        id="product-name"
        label={t("options_productName")}
        value={draft.productName}
        disabled={locked}
        hint={t("options_productNameHint")}
        error={problem("productName")}
        inputRef={productRef}
        onInput={(value) => store.update("productName", value)}
      />
      <Details text={t("options_productNameDetails")} />
      <ClubField
        store={store}
        error={problem("clubSlug")}
        afterPointerRelease={afterPointerRelease}
        disabled={locked}
      />
      <TextField
        id="connection-label"
        label={t("options_label")}
        value={draft.label}
        disabled={locked}
        hint={t("options_labelHint")}
        error={problem("label")}
        onInput={(value) => store.update("label", value)}
      />
      <TextField
        id="customer-id"
        label={t("options_customerId")}
        value={draft.customerId}
        disabled={locked}
        hint={t("options_customerIdHint")}
        error={problem("customerId")}
        inputRef={customerRef}
        onInput={(value) => store.update("customerId", value)}
      />
      <Details text={t("options_customerIdDetails")} />
      <h3>{t("options_messageOptions")}</h3>
      <LanguageField store={store} error={problem("language")} disabled={locked} />
      <TextField
        id="login-url"
        type="url"
        label={t("options_loginUrl")}
        value={draft.loginUrl}
        disabled={locked}
        hint={t("options_loginUrlHint")}
        error={problem("loginUrl")}
        onInput={(value) => store.update("loginUrl", value)}
      />
      <div class="actions">
        {/* Locked with no connection of the policy's open, there is nothing this form may save. */}
        <button type="submit" class="primary" disabled={store.busy.value || (locked && editing === null)}>
          {t("options_save")}
        </button>
        <button type="button" disabled={store.busy.value} onClick={() => void store.testConnection()}>
          {t("options_testConnection")}
        </button>
        <button type="button" disabled={!store.hasSavedToken.value} onClick={() => void store.forgetToken()}>
          {t("options_forgetToken")}
        </button>
        {editing === null && store.connections.value.length > 0 ? (
          <button
            type="button"
            onClick={async () => {
              await store.openActive();
              focus(FORM_HEADING_ID);
            }}
          >
            {t("options_cancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** "Loyalty club": a picker over the clubs the token may use, where a typed slug also works. */
function ClubField({
  store,
  error,
  afterPointerRelease,
  disabled,
}: {
  store: OptionsStore;
  error: string | null;
  afterPointerRelease: (work: () => void) => void;
  disabled: boolean;
}) {
  const draft = store.draft.value;
  const clubs = store.clubs.value;
  const list = clubs.status === "loaded" ? clubs.value : [];
  const note = describeClubList(clubs);
  const chosen = list.find((club) => club.slug === draft.clubSlug.trim());
  const describedBy = ["club-slug-error", "club-slug-list", "club-slug-hint"]
    .filter((id) => id !== "club-slug-error" || error)
    .join(" ");
  return (
    <div class="field">
      <label for="club-slug">{t("options_clubSlug")}</label>
      <div class="field-row">
        <ClubPicker
          id="club-slug"
          value={draft.clubSlug}
          clubs={list}
          invalid={error !== null}
          disabled={disabled}
          describedBy={describedBy}
          onInput={(value) => store.update("clubSlug", value)}
          onChoose={(club) => store.chooseClub(club)}
          onBlur={() => afterPointerRelease(() => void store.loadLanguages())}
        />
        <button type="button" disabled={disabled} onClick={() => void store.loadClubs("click")}>
          {t("options_loadClubs")}
        </button>
      </div>
      {error ? (
        <p id="club-slug-error" class="field-error">
          {error}
        </p>
      ) : null}
      <Note id="club-slug-list" note={note} />
      <p id="club-slug-hint" class="hint">
        {chosen ? t("options_clubChosen", chosen.name) : t("options_clubSlugHint")}
      </p>
      <Details text={t("options_clubSlugDetails")} />
    </div>
  );
}

/** "Message language": the club's languages, or the club's default, which sends none. */
function LanguageField({
  store,
  error,
  disabled,
}: {
  store: OptionsStore;
  error: string | null;
  disabled: boolean;
}) {
  const draft = store.draft.value;
  const state = store.languages.value;
  const loaded = state.status === "loaded" ? state.value : null;
  const codes = loaded?.languages ?? [];
  const saved = draft.language;
  const describedBy = ["language-error", "language-status", "language-hint"]
    .filter((id) => id !== "language-error" || error)
    .join(" ");
  return (
    <div class="field">
      <label for="language">{t("options_language")}</label>
      <select
        id="language"
        value={saved}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => store.update("language", event.currentTarget.value)}
      >
        <option value="">
          {loaded?.defaultLanguage
            ? t("options_languageDefault", languageName(loaded.defaultLanguage))
            : t("options_languageDefaultUnknown")}
        </option>
        {codes.map((code) => (
          <option key={code} value={code}>
            {t("options_languageOption", languageName(code), code)}
          </option>
        ))}
        {saved !== "" && !codes.includes(saved) ? (
          <option value={saved}>
            {loaded
              ? t("options_languageNotOffered", t("options_languageOption", languageName(saved), saved))
              : t("options_languageOption", languageName(saved), saved)}
          </option>
        ) : null}
      </select>
      {error ? (
        <p id="language-error" class="field-error">
          {error}
        </p>
      ) : null}
      <Note id="language-status" note={describeLanguages(state)} />
      <p id="language-hint" class="hint">
        {t("options_languageHint")}
      </p>
    </div>
  );
}

/** What a desk operator rarely needs (header names, the slug), behind a "Details" disclosure. */
function Details({ text }: { text: string }) {
  return (
    <details class="field-details">
      <summary>{t("options_details")}</summary>
      <p class="hint">{text}</p>
    </details>
  );
}

/** A note under a field; always mounted and polite, so a list loaded later is announced. */
function Note({ id, note }: { id: string; note: FieldNote | null }) {
  return (
    <p
      id={id}
      aria-live="polite"
      class={note?.tone === "problem" ? "field-note field-note-problem" : "field-note"}
    >
      {note?.text ?? ""}
    </p>
  );
}

/** A ref for an input that calls back when the input loses focus. */
function useBlur(onBlur: () => void) {
  const ref = useRef<HTMLInputElement>(null);
  const latest = useRef(onBlur);
  latest.current = onBlur;
  useEffect(() => {
    const input = ref.current;
    if (input === null) return;
    const listener = () => latest.current();
    input.addEventListener("blur", listener);
    return () => input.removeEventListener("blur", listener);
  }, []);
  return ref;
}
