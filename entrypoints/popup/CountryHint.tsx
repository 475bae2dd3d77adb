import { regionName } from "@/utils/format";
import { t } from "@/utils/i18n";

/**
 * "Numbers without a country code are read as Norway": the country's name comes from Intl in the
 * catalog's language (utils/format.ts), which the popup loads only when SMS is chosen.
 */
export function CountryHint({ country }: { country: string }) {
  return <>{t("popup_phoneHint", regionName(country))}</>;
}
