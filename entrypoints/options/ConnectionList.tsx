import { EnvironmentBadge } from "@/components/EnvironmentBadge";
import { t } from "@/utils/i18n";
import type { Connection } from "@/utils/settings";
import { FORM_HEADING_ID } from "./ConnectionForm";
import { setByPolicyText } from "./PolicyNotice";
import type { OptionsStore } from "./store";

/** Id of the list's heading, which takes focus after a delete. */
export const LIST_HEADING_ID = "connections-heading";

/** The saved connections, the active one marked, each with Edit, Make active and Delete. */
export function ConnectionList({ store, focus }: { store: OptionsStore; focus: (id: string) => void }) {
  const { activeConnectionId } = store.settings.value;
  const locked = store.policy.value.policy.lockConnections;
  return (
    <section aria-labelledby={LIST_HEADING_ID}>
      <h2 id={LIST_HEADING_ID} tabIndex={-1}>
        {t("options_connections")}
      </h2>
      <p class="hint">{t("options_connectionsHint")}</p>
      <ul class="connection-list" aria-label={t("options_connectionListName")}>
        {store.connections.value.map((connection) => (
          <ConnectionRow
            key={connection.id}
            store={store}
            connection={connection}
            active={connection.id === activeConnectionId}
            focus={focus}
          />
        ))}
      </ul>
      <button
        type="button"
        id="add-connection"
        disabled={locked}
        aria-describedby={locked ? "add-connection-locked" : undefined}
        onClick={() => {
          store.newConnection();
          focus(FORM_HEADING_ID);
        }}
      >
        {t("options_addConnection")}
      </button>
      {locked ? (
        <p id="add-connection-locked" class="hint">
          {setByPolicyText(store)}
        </p>
      ) : null}
    </section>
  );
}

function ConnectionRow({
  store,
  connection,
  active,
  focus,
}: {
  store: OptionsStore;
  connection: Connection;
  active: boolean;
  focus: (id: string) => void;
}) {
  const id = `connection-${connection.id}`;
  const labelId = `${id}-label`;
  const confirming = store.confirmingDeleteId.value === connection.id;
  const editing = store.editingId.value === connection.id;
  // Placewise refused this connection's last test in this visit (Save or Test connection).
  const failing = store.failing.value[connection.id];
  // The policy's connections, and every connection while it locks them, cannot be deleted here.
  const deletable = connection.fromPolicy !== true && !store.policy.value.policy.lockConnections;
  return (
    <li class={editing ? "connection connection-editing" : "connection"}>
      <div class="connection-summary">
        <span id={labelId} class="connection-label">
          {connection.label}
        </span>
        <span class="connection-club">{connection.clubSlug}</span>
        <EnvironmentBadge environment={connection.environment} />
        {active ? <span class="connection-active">{t("options_active")}</span> : null}
        {connection.fromPolicy ? (
          <span class="connection-policy">{t("policy_setByOrganisation")}</span>
        ) : null}
        {connection.hasToken ? null : <span class="connection-warning">{t("options_noToken")}</span>}
        {failing ? (
          <span class="connection-failing">
            {t(failing === "token-rejected" ? "options_failingToken" : "options_failingClub")}
          </span>
        ) : null}
      </div>
      {confirming ? (
        <fieldset
          class="connection-confirm"
          // Escape backs out like Cancel, and focus returns to the Delete button.
          onKeyDown={(event) => {
            if (event.key !== "Escape") return;
            event.preventDefault();
            store.askToDelete(null);
            focus(`${id}-delete`);
          }}
        >
          <legend>{t("options_deleteQuestion", connection.label)}</legend>
          <div class="connection-actions">
            <button
              type="button"
              class="danger"
              onClick={async () => {
                await store.confirmDelete();
                focus(store.connections.value.length > 0 ? LIST_HEADING_ID : FORM_HEADING_ID);
              }}
            >
              {t("options_deleteConfirm")}
            </button>
            <button
              type="button"
              id={`${id}-cancel`}
              onClick={() => {
                store.askToDelete(null);
                focus(`${id}-delete`);
              }}
            >
              {t("options_cancel")}
            </button>
          </div>
        </fieldset>
      ) : (
        <div class="connection-actions">
          <button
            type="button"
            id={`${id}-edit`}
            aria-describedby={labelId}
            onClick={async () => {
              await store.edit(connection.id);
              focus(FORM_HEADING_ID);
            }}
          >
            {t("options_edit")}
          </button>
          {active ? null : (
            <button
              type="button"
              aria-describedby={labelId}
              onClick={async () => {
                await store.makeActive(connection.id);
                // The button is gone now that this connection is active; stay in its row.
                focus(`${id}-edit`);
              }}
            >
              {t("options_makeActive")}
            </button>
          )}
          {deletable ? (
            <button
              type="button"
              id={`${id}-delete`}
              aria-describedby={labelId}
              onClick={() => {
                store.askToDelete(connection.id);
                // Cancel first: a second Enter on the same spot must not delete.
                focus(`${id}-cancel`);
              }}
            >
              {t("options_delete")}
            </button>
          ) : null}
        </div>
      )}
    </li>
  );
}
