import "@/components/outcome.css";
import { OutcomeText } from "@/components/OutcomeMessage";
import type { OptionsNotice } from "./page";
import { describeNotice } from "./wording";

/**
 * The page's notice: progress and successes in the one polite role=status region (always
 * mounted, so it is announced), failures in a role=alert in the error tone. A save can have both:
 * "Settings saved." and a test that could not be made.
 */
export function NoticeRegion({ notice }: { notice: OptionsNotice | null }) {
  const { status, pending = false, weigh = false, alert } = describeNotice(notice);
  const tone = pending ? "outcome-pending" : weigh ? "outcome-warning" : "outcome-success";
  const box = status === null ? "outcome-empty" : `outcome-box ${tone}`;
  return (
    <div class="outcome">
      <div role="status" class={box}>
        {status === null ? null : <p class="outcome-summary">{status}</p>}
      </div>
      {alert === null ? null : (
        <div role="alert" class="outcome-box outcome-error">
          <OutcomeText wording={alert} />
        </div>
      )}
    </div>
  );
}
