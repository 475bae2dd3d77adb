import { formatNumber } from "@/utils/format";
import { type MessageKey, t } from "@/utils/i18n";
import { NUMBER_PREFERENCE_RANGES, type NumberPreference } from "@/utils/settings";
import { setByPolicyText } from "./PolicyNotice";
import type { FlagPreference } from "./preference-fields";
import type { OptionsStore } from "./store";

const NUMBER_FIELDS: Record<
  NumberPreference,
  { id: string; label: MessageKey; unit: MessageKey; hint: MessageKey }
> = {
  recentSendMinutes: {
    id: "recent-send-minutes",
    label: "options_recentSend",
    unit: "options_recentSendUnit",
    hint: "options_recentSendHint",
  },
  sendLogRetentionDays: {
    id: "history-retention-days",
    label: "options_retention",
    unit: "options_retentionUnit",
    hint: "options_retentionHint",
  },
  sendLogMaxEntries: {
    id: "history-max-entries",
    label: "options_maxEntries",
    unit: "options_maxEntriesUnit",
    hint: "options_maxEntriesHint",
  },
};

/** The desk's preferences, shared by every connection; each change is saved as it is made. */
export function PreferencesForm({ store }: { store: OptionsStore }) {
  return (
    <form
      class="preferences"
      aria-labelledby="preferences-heading"
      noValidate
      // Enter in a number field saves it through its change event; the form itself sends nothing.
      onSubmit={(event) => event.preventDefault()}
    >
      <h2 id="preferences-heading">{t("options_preferences")}</h2>
      <p class="hint">{t("options_preferencesHint")}</p>
      <Flag
        store={store}
        name="precheck"
        id="precheck"
        label="options_precheck"
        hint="options_precheckHint"
      />
      <NumberField store={store} name="recentSendMinutes" />
      <Flag
        store={store}
        name="sendLogEnabled"
        id="history-enabled"
        label="options_historyEnabled"
        hint="options_historyEnabledHint"
      />
      <NumberField store={store} name="sendLogRetentionDays" />
      <NumberField store={store} name="sendLogMaxEntries" />
      <Flag
        store={store}
        name="toolbarOpensSidePanel"
        id="toolbar-opens-side-panel"
        label="options_toolbarOpensSidePanel"
        hint="options_toolbarOpensSidePanelHint"
      />
    </form>
  );
}

function Flag(props: {
  store: OptionsStore;
  name: FlagPreference;
  id: string;
  label: MessageKey;
  hint: MessageKey;
}) {
  const { store, name, id } = props;
  return (
    <div class="checkbox">
      <input
        id={id}
        type="checkbox"
        checked={store.settings.value.preferences[name]}
        aria-describedby={`${id}-hint`}
        onChange={(event) => void store.setFlag(name, event.currentTarget.checked)}
      />
      <label for={id}>{t(props.label)}</label>
      <p id={`${id}-hint`} class="hint">
        {t(props.hint)}
      </p>
    </div>
  );
}

/** A whole-number preference: "<label> [ n ] <unit>", its hint, and its error next to it. */
function NumberField({ store, name }: { store: OptionsStore; name: NumberPreference }) {
  const { id, label, unit, hint } = NUMBER_FIELDS[name];
  const { min, max } = NUMBER_PREFERENCE_RANGES[name];
  const invalid = store.preferenceProblems.value[name] === true;
  // The organisation's policy fixes this value: shown, not editable, and said so.
  const setByPolicy = store.policy.value.policy.preferences[name] !== undefined;
  const describedBy = [invalid ? `${id}-error` : null, setByPolicy ? `${id}-policy` : null, `${id}-hint`]
    .filter(Boolean)
    .join(" ");
  return (
    <div class="field number-field">
      <label id={`${id}-label`} for={id}>
        {t(label)}
      </label>
      <div class="number-row">
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          disabled={setByPolicy}
          value={store.preferenceTexts.value[name]}
          // The unit belongs to the name: "… within 10 minutes" reads as one phrase.
          aria-labelledby={`${id}-label ${id}-unit`}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={describedBy}
          onInput={(event) => store.typeNumber(name, event.currentTarget.value)}
          onChange={(event) => {
            const input = event.currentTarget;
            // A refused value sends focus back to its field, next to its message.
            void store.commitNumber(name).then(() => {
              if (store.preferenceProblems.value[name]) input.focus();
            });
          }}
        />
        <span id={`${id}-unit`}>{t(unit)}</span>
      </div>
      {invalid ? (
        <p id={`${id}-error`} class="field-error">
          {t("options_wholeNumber", formatNumber(min), formatNumber(max))}
        </p>
      ) : null}
      {setByPolicy ? (
        <p id={`${id}-policy`} class="policy-line">
          {setByPolicyText(store)}
        </p>
      ) : null}
      <p id={`${id}-hint`} class="hint">
        {t(hint)}
      </p>
    </div>
  );
}
