import { t } from "@/utils/i18n";
import type { OptionsStore } from "./store";
import { describePolicyNote } from "./wording";

/** Id of the line that says "Set by your organisation"; controls the policy sets point to it. */
export const SET_BY_POLICY_ID = "set-by-policy";

/**
 * What the organisation's policy does here: one line when it manages anything (with its support
 * contact), and each policy value this build ignored, so IT can fix it.
 */
export function PolicyNotice({ store }: { store: OptionsStore }) {
  const { managed, notes, policy } = store.policy.value;
  if (!managed) return null;
  return (
    <section class="policy-notice" aria-labelledby="policy-heading">
      <h2 id="policy-heading">{t("policy_heading")}</h2>
      <p>{t("policy_managedIntro")}</p>
      {policy.supportContact !== "" ? <p>{t("policy_contact", policy.supportContact)}</p> : null}
      {notes.length > 0 ? (
        <>
          <p class="policy-ignored">{t("policy_ignoredHeading")}</p>
          <ul aria-label={t("policy_ignoredHeading")}>
            {notes.map((note) => (
              <li key={`${note.name}-${note.problem}`}>{describePolicyNote(note)}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** "Set by your organisation", with the support contact when the policy gives one. */
export function setByPolicyText(store: OptionsStore): string {
  const contact = store.policy.value.policy.supportContact;
  return contact === "" ? t("policy_setByOrganisation") : t("policy_setByOrganisationContact", contact);
}
