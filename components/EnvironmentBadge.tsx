import type { EnvironmentId } from "@/utils/environments";
import { ENVIRONMENT_LABEL_KEYS, isProductionEnvironment } from "@/utils/environments";
import { t } from "@/utils/i18n";

/** The environment, loud for production so nobody sends to real members by mistake. */
export function EnvironmentBadge({ environment }: { environment: EnvironmentId }) {
  const production = isProductionEnvironment(environment);
  return (
    <span
      class={`badge ${production ? "badge-production" : `badge-${environment}`}`}
      data-environment={environment}
    >
      {t(ENVIRONMENT_LABEL_KEYS[environment])}
    </span>
  );
}
