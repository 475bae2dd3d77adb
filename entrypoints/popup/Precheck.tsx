import "./precheck.css";
import { useEffect, useState } from "preact/hooks";
import type { Channel } from "@/utils/channel";
import { t } from "@/utils/i18n";
import type { PrecheckOutcome } from "@/utils/send-outcome";
import { PasswordResetOffer } from "./PasswordResetOffer";
import type { PopupDeps, PopupState } from "./use-popup";

/** The pre-check's answer in words and a tone, or null when there is nothing to say. */
function precheckWords(
  answer: PrecheckOutcome | null,
  channel: Channel,
): { tone: "found" | "note" | "missing"; text: string } | null {
  switch (answer?.kind) {
    case "member-found":
      return answer.hasPassword
        ? { tone: "note", text: t("popup_precheckHasPassword") }
        : { tone: "found", text: t("popup_precheckFound") };
    case "no-member":
      return {
        tone: "missing",
        text: t(
          channel === "email" ? "popup_precheckNoMemberEmail" : "popup_precheckNoMemberPhone",
          answer.club,
        ),
      };
    case "not-permitted":
      return { tone: "note", text: t("popup_precheckOff") };
    default:
      // "unavailable": the pre-check is information only; a failure there is not worth a word.
      return null;
  }
}

/** Props of Precheck. */
interface PrecheckProps {
  deps: PopupDeps;
  popup: PopupState;
  /** Whether a field problem is shown; the pre-check then stays quiet. */
  quiet: boolean;
}

/**
 * The pre-check's line under the field: once the field rests on a valid recipient, the member is
 * looked up (public_info) and the answer shown. Information only: it never blocks or delays a
 * send. After a 403 for a connection it says so once and stops asking for the popup's life.
 */
export function Precheck({ deps, popup, quiet }: PrecheckProps) {
  const { channel, recipient, precheckOn } = popup;
  const connectionId = popup.connection?.id ?? "";
  const key = `${connectionId} ${channel} ${recipient}`;
  const [answer, setAnswer] = useState<{ key: string; outcome: PrecheckOutcome } | null>(null);
  const [refused, setRefused] = useState<readonly string[]>([]);
  const asking = precheckOn && !refused.includes(connectionId);
  useEffect(() => {
    if (!asking || recipient === null) return;
    let current = true;
    const timer = setTimeout(() => {
      deps.precheck({ channel, recipient }).then((outcome) => {
        if (outcome.kind === "not-permitted") setRefused((ids) => [...ids, connectionId]);
        // An answer for an older value of the field is dropped.
        if (current) setAnswer({ key, outcome });
      }, console.error);
    }, deps.precheckDelayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [deps, asking, key, channel, recipient, connectionId]);

  const outcome: PrecheckOutcome | null = !precheckOn
    ? null
    : refused.includes(connectionId)
      ? { kind: "not-permitted" }
      : answer?.key === key
        ? answer.outcome
        : null;
  const words = quiet ? null : precheckWords(outcome, channel);
  // Always mounted, so the answer is announced when it arrives; role=status is the outcome's.
  // A member with a password is offered the reset link as well (email only; see PasswordResetOffer).
  const offerReset =
    words !== null && channel === "email" && outcome?.kind === "member-found" && outcome.hasPassword;
  return (
    <>
      <p id="member-precheck" class={`precheck ${words ? `precheck-${words.tone}` : ""}`} aria-live="polite">
        {words?.text ?? null}
      </p>
      {offerReset ? <PasswordResetOffer popup={popup} /> : null}
    </>
  );
}
