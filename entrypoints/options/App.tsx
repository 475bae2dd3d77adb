import { useEffect } from "preact/hooks";
import { t } from "@/utils/i18n";
import { tPlural } from "@/utils/plural";
import { ConnectionForm } from "./ConnectionForm";
import { ConnectionList } from "./ConnectionList";
import { NoticeRegion } from "./NoticeRegion";
import { PolicyNotice } from "./PolicyNotice";
import { PreferencesForm } from "./PreferencesForm";
import { PrivacyLink } from "./PrivacyLink";
import type { OptionsStore } from "./store";
import { useFocusRequest } from "./use-focus-request";
import { Welcome } from "./Welcome";

/**
 * The options page: the saved connections (one active), the form for the one being edited, and
 * the desk's preferences. With nothing saved yet it opens straight on the form for a first one.
 */
export function App({
  store,
  welcome = false,
  onDismissWelcome,
}: {
  store: OptionsStore;
  /** Opened by the first install: show the welcome above everything (Welcome.tsx). */
  welcome?: boolean;
  onDismissWelcome?: () => void;
}) {
  const focus = useFocusRequest();
  // A failure sends focus to the first field with a problem (the store says which).
  const focusTarget = store.focusTarget.value;
  useEffect(() => {
    if (focusTarget !== null) focus(focusTarget.id);
  }, [focusTarget]);
  const loaded = store.loaded.value;
  const unreadable = store.unreadableConnections.value;
  return (
    <main class="options" aria-busy={!loaded}>
      <h1>{t("options_title")}</h1>
      {welcome ? <Welcome onDismiss={onDismissWelcome} /> : null}
      {unreadable > 0 ? (
        <p class="unreadable-warning" role="alert">
          {tPlural("options_unreadableConnections", unreadable)}
        </p>
      ) : null}
      {loaded ? <PolicyNotice store={store} /> : null}
      {loaded ? (
        <>
          {store.connections.value.length > 0 ? <ConnectionList store={store} focus={focus} /> : null}
          <ConnectionForm store={store} focus={focus} />
        </>
      ) : (
        <p class="hint">{t("options_loading")}</p>
      )}
      {/*
        The page's one status region, always mounted (a live region is announced only when it
        exists before its text). It sits under Save and Test connection, whose results matter most;
        the list and the preferences show their own changes where they happen.
      */}
      <NoticeRegion notice={store.notice.value} />
      {loaded ? <PreferencesForm store={store} /> : null}
      <PrivacyLink />
    </main>
  );
}
