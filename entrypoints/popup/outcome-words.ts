import { describeSendOutcome, type OutcomeWording } from "@/utils/describe-outcome";
import type { ShownOutcome } from "./use-popup";

/**
 * A send's outcome in words, naming the recipient as the operator read it: the background answers
 * with E.164 digits (4740769126), the field showed +47 407 69 126.
 */
export function describeShownOutcome({ result, shown }: ShownOutcome): OutcomeWording {
  return describeSendOutcome("recipient" in result ? { ...result, recipient: shown } : result);
}
