import type { Channel } from "@/utils/channel";
import type { MessageKey } from "@/utils/i18n";

/** Each channel's name. Outcome labels live in the outcome table (utils/outcome-traits.ts). */
export const CHANNEL_LABEL_KEYS: Record<Channel, MessageKey> = {
  email: "sendLog_channel_email",
  msisdn: "sendLog_channel_msisdn",
};
