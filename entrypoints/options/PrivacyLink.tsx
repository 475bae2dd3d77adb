import { browser } from "wxt/browser";
import { t } from "@/utils/i18n";

/** The package's copy of PRIVACY.md (copied at build time, wxt.config.ts). */
export const PRIVACY_POLICY_PATH = "/privacy.txt";

/** The link to the privacy policy at the bottom of the options page. */
export function PrivacyLink() {
  return (
    <footer class="options-footer">
      <a href={browser.runtime.getURL(PRIVACY_POLICY_PATH)} target="_blank" rel="noopener">
        {t("options_privacyPolicy")}
      </a>
    </footer>
  );
}
