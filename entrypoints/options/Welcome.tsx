import { useSignal } from "@preact/signals";
import { t } from "@/utils/i18n";

/** The query the background adds to the options page's address on a first install. */
export const WELCOME_QUERY = "welcome";

/** Whether the options page was opened as the first-install welcome (options.html?welcome). */
export function isWelcomeVisit(search: string): boolean {
  return new URLSearchParams(search).has(WELCOME_QUERY);
}

/**
 * Shown once, on the tab the first install opens: what to paste, where to get it, then how to
 * send. Dismissing it hides it; the page's address loses the query, so a reload does not bring it back.
 */
export function Welcome({ onDismiss }: { onDismiss?: () => void }) {
  const open = useSignal(true);
  if (!open.value) return null;
  return (
    <section class="welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title">{t("options_welcomeTitle")}</h2>
      <p>{t("options_welcomeToken")}</p>
      <p>{t("options_welcomeSend")}</p>
      <button
        type="button"
        onClick={() => {
          open.value = false;
          onDismiss?.();
        }}
      >
        {t("options_welcomeDismiss")}
      </button>
    </section>
  );
}
