import { computed } from "@preact/signals";
import { createConnectionActions } from "./connection-actions";
import { createConnectionForm } from "./connection-form";
import { browserOptionsDeps, type OptionsDeps } from "./deps";
import { createOptionsPage } from "./page";
import { createPreferencesStore } from "./preferences-store";

/**
 * The options page's state: the saved connections, the form for the one being edited (with its
 * club list and languages), the desk's preferences, and the last notice. Each concern is its own
 * module; this one wires them and starts the first read.
 */
export function createOptionsStore(deps: OptionsDeps = browserOptionsDeps) {
  const page = createOptionsPage(deps);
  const preferences = createPreferencesStore(page);
  const form = createConnectionForm(page);
  const actions = createConnectionActions(page, form);
  /**
   * The form's connection fields are the policy's: a policy connection (only its token is the
   * operator's), or a new one while the policy locks connections.
   */
  const fieldsSetByPolicy = computed(() =>
    form.editing.value === null
      ? page.policy.value.policy.lockConnections
      : form.editing.value.fromPolicy === true,
  );
  // The connection in the form was deleted elsewhere: show the active one instead.
  page.afterRefresh(async () => {
    if (page.loaded.value && form.editingId.value !== "" && form.editing.value === null) {
      await form.openActive();
    }
  });

  const stopWatching = deps.watchSettings(() => void page.refresh());
  const loading = (async () => {
    await page.refresh();
    await form.openActive();
    page.loaded.value = true;
  })();

  const { deps: _deps, afterRefresh: _afterRefresh, ...shared } = page;
  return {
    ...shared,
    ...preferences,
    ...form,
    ...actions,
    fieldsSetByPolicy,
    loading,
    dispose: stopWatching,
  };
}

/** The options page's store, as passed to its components. */
export type OptionsStore = ReturnType<typeof createOptionsStore>;
