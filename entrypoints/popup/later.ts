import "./later.css";

// The popup's parts that load after its first frame (see after-first-frame.ts).
export { regionName } from "@/utils/format";
export { ConnectionSwitcher, Precheck } from "./LaterParts";
export { describeShownOutcome } from "./outcome-words";
export { PrefillAddress } from "./PrefillAddress";
export { RecentSends } from "./RecentSends";
