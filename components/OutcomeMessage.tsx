import "./outcome.css";
import type { ComponentChildren } from "preact";
import type { OutcomeWording } from "@/utils/describe-outcome";

/** Props of OutcomeMessage. */
interface OutcomeMessageProps {
  wording: OutcomeWording | null;
  /** Shown in the status region while work is under way, e.g. "Sending…". */
  pendingText?: string | null;
  /** Buttons shown inside a failure's alert, e.g. "Send again" and "Cancel" after a recent-send warning. */
  actions?: ComponentChildren;
}

/**
 * Announces an outcome: progress and success in the one polite role=status region (always mounted,
 * since a live region inserted together with its text is not announced reliably), failure in a
 * role=alert that appears with its text (alerts are announced on insertion). Never the other way round.
 */
export function OutcomeMessage({ wording, pendingText = null, actions = null }: OutcomeMessageProps) {
  // A warning (a repeat held back) needs a decision, like a failure: an alert, in its own tone.
  const error = wording?.tone === "error" || wording?.tone === "warning" ? wording : null;
  const success = wording?.tone === "success" ? wording : null;
  return (
    <div class="outcome">
      <div
        role="status"
        class={
          pendingText
            ? "outcome-box outcome-pending"
            : success
              ? "outcome-box outcome-success"
              : "outcome-empty"
        }
      >
        {pendingText ? (
          <p class="outcome-summary">{pendingText}</p>
        ) : success ? (
          <OutcomeText wording={success} />
        ) : null}
      </div>
      {error && !pendingText ? (
        <div role="alert" class={`outcome-box outcome-${error.tone}`}>
          <OutcomeText wording={error} />
          {actions ? <div class="outcome-actions">{actions}</div> : null}
        </div>
      ) : null}
    </div>
  );
}

/** An outcome's words: its summary, next step and details (also the options page's alerts). */
export function OutcomeText({ wording }: { wording: OutcomeWording }) {
  return (
    <>
      <p class="outcome-summary">{wording.summary}</p>
      {wording.nextStep ? <p class="outcome-next">{wording.nextStep}</p> : null}
      {wording.details.length > 0 ? (
        <ul class="outcome-details">
          {wording.details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
