import "./password-reset-offer.css";
import { t } from "@/utils/i18n";
import type { PopupState } from "./use-popup";

/**
 * The second action, offered only under a pre-check that says the member already has a password:
 * a password reset link, by email. The form's own button (Enter) stays the registration password.
 */
export function PasswordResetOffer({ popup }: { popup: PopupState }) {
  return (
    <div class="reset-offer">
      <button
        type="button"
        disabled={popup.sending}
        aria-describedby="reset-offer-hint"
        onClick={() => void popup.sendReset()}
      >
        {t("popup_sendReset")}
      </button>
      <p id="reset-offer-hint" class="hint">
        {t("popup_sendResetHint")}
      </p>
    </div>
  );
}
