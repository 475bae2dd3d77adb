import type { EnvironmentId } from "@/utils/environments";
import { isProductionEnvironment } from "@/utils/environments";
import { type MessageKey, t } from "@/utils/i18n";

/** Catalog key of each environment's name. */
export const ENVIRONMENT_LABEL_KEYS: Record<EnvironmentId, MessageKey> = {
  production: "env_production",
  "production-apac": "env_production_apac",
  staging: "env_staging",
  custom: "env_custom",
};

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
