import type { ComponentChildren } from "preact";
import { OutcomeMessage } from "@/components/OutcomeMessage";
import { describeSendOutcome } from "@/utils/describe-outcome";
import type { ShownOutcome } from "./use-popup";

/** Props of SendOutcome. */
interface SendOutcomeProps {
  outcome: ShownOutcome | null;
  /** Shown while a send is under way. */
  pendingText: string | null;
  actions: ComponentChildren;
}

/** The last send's outcome in words, in role=status or role=alert (components/OutcomeMessage.tsx). */
export function SendOutcome({ outcome, pendingText, actions }: SendOutcomeProps) {
  return (
    <OutcomeMessage
      wording={outcome === null ? null : describeShownOutcome(outcome)}
      pendingText={pendingText}
      actions={actions}
    />
  );
}

/**
 * Names the recipient as the operator read it: the background answers with E.164 digits
 * (4740769126), the field showed the number in international format.
 */
function describeShownOutcome({ result, shown }: ShownOutcome) {
  return describeSendOutcome("recipient" in result ? { ...result, recipient: shown } : result);
}
