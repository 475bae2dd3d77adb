import { useCallback, useLayoutEffect, useRef, useState } from "preact/hooks";
import { browser } from "wxt/browser";
import { sendToBackground } from "@/utils/messages";
import type { SendOutcome } from "@/utils/send-outcome";
import { activeConnection, readSettings, type StoredSettings, watchSettings } from "@/utils/settings";
import { checkEmail, type EmailProblem } from "@/utils/validation/email";

/** What the popup needs from outside; component tests pass fakes. */
export interface PopupDeps {
  readSettings(): Promise<StoredSettings>;
  watchSettings(onChange: () => void): () => void;
  send(email: string): Promise<SendOutcome>;
  openOptions(): void;
}

/** The real dependencies: settings straight from storage, sends through the background. */
export const browserPopupDeps: PopupDeps = {
  readSettings,
  watchSettings,
  send: (email) =>
    sendToBackground("sendRegistrationPassword", { channel: "email", recipient: email, source: "popup" }),
  openOptions: () => {
    void browser.runtime.openOptionsPage();
    window.close();
  },
};

/**
 * The popup's state and actions. Plain hooks rather than signals: the popup has a 15 KB gzipped
 * budget and @preact/signals alone costs a fifth of it (measured: +3.3 KB).
 */
export function usePopup(deps: PopupDeps) {
  /** undefined while the first read is under way. */
  const [settings, setSettings] = useState<StoredSettings | undefined>(undefined);
  const [email, setEmailValue] = useState("");
  const [problem, setProblem] = useState<EmailProblem | null>(null);
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<SendOutcome | null>(null);
  // A ref, not state: two Enter presses in one frame both see the first one's flag.
  const inFlight = useRef(false);

  // A layout effect starts the read right after the first render; a plain effect would wait for
  // the next animation frame, about 10 ms of a 50 ms budget (npm run bench).
  useLayoutEffect(() => {
    const load = () => void deps.readSettings().then(setSettings);
    load();
    return deps.watchSettings(load);
  }, [deps]);

  /** Validates, then sends once. A second submit while one is in flight is ignored, not queued. */
  const submit = useCallback(async () => {
    if (inFlight.current) return;
    const check = checkEmail(email);
    setOutcome(null);
    if (!check.ok) {
      setProblem(check.problem);
      return;
    }
    setProblem(null);
    inFlight.current = true;
    setSending(true);
    try {
      const result = await deps.send(check.email);
      setOutcome(result);
      // Ready for the next member; the status still names the address that was accepted.
      if (result.kind === "accepted") setEmailValue("");
    } finally {
      inFlight.current = false;
      setSending(false);
    }
  }, [deps, email]);

  /** Typing clears a stale error so the field is not marked invalid while being corrected. */
  const setEmail = useCallback((value: string) => {
    setEmailValue(value);
    setProblem(null);
  }, []);

  const connection = settings === undefined ? null : activeConnection(settings);
  return {
    settings,
    connection,
    isConfigured: connection?.hasToken === true,
    email,
    problem,
    sending,
    outcome,
    submit,
    setEmail,
    openOptions: deps.openOptions,
  };
}

/** The popup's state, as passed to its components. */
export type PopupState = ReturnType<typeof usePopup>;
