import "./later.css";

// The popup's parts that load after its first frame (see after-first-frame.ts).
export { describeSendOutcome } from "@/utils/describe-outcome";
export { ConnectionSwitcher, countryName, Precheck } from "./LaterParts";
export { PrefillAddress } from "./PrefillAddress";
export { RecentSends } from "./RecentSends";
