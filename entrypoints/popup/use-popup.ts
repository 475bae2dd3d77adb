import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { browser } from "wxt/browser";
import { allowedChannels, type Channel } from "@/utils/channel";
import type { MessageKind } from "@/utils/message-kind";
import {
  type SendRequest,
  type StorageFailure,
  type StoredChangeResult,
  sendMemberMessage,
  sendToBackground,
} from "@/utils/messages";
import { effectOf } from "@/utils/outcome-traits";
import type { Prefill } from "@/utils/prefill";
import type { SendLogEntry, SendSource } from "@/utils/send-log";
import type { PrecheckOutcome, SendResult } from "@/utils/send-outcome";
import { type Preferences, readSettings, type StoredSettings, watchSettings } from "@/utils/settings";
import { checkEmail, type EmailProblem } from "@/utils/validation/email";
import type { PhoneCheck, PhoneProblem } from "@/utils/validation/phone";
import { defaultChannel, otherChannelFor, rememberChannel } from "./channel-choice";
import { createPhoneChecker, type PhoneChecker } from "./phone-checker";

/** What the popup needs from outside; component tests pass fakes. */
export interface PopupDeps {
  /** Which page holds the form, as the send log records it. */
  source: Extract<SendSource, "popup" | "side-panel">;
  readSettings(): Promise<StoredSettings>;
  watchSettings(onChange: () => void): () => void;
  /** Sends `message` (the registration password when left out). */
  send(request: SendRequest, message?: MessageKind): Promise<SendResult>;
  precheck(query: { channel: Channel; recipient: string }): Promise<PrecheckOutcome>;
  setActiveConnection(id: string): Promise<StoredChangeResult>;
  setPreferences(changes: Partial<Preferences>): Promise<StoredChangeResult>;
  /** utils/validation/phone.ts checkPhone, loaded (with libphonenumber) on first use of SMS only. */
  checkPhone: PhoneChecker;
  readRecentSends(limit: number): Promise<SendLogEntry[]>;
  watchSendLog(onChange: () => void): () => void;
  openOptions(): void;
  openSendLog(): void;
  openBulk(): void;
  /** Whether the organisation's policy allows bulk runs; the Bulk link is hidden when it does not. */
  readBulkEnabled(): Promise<boolean>;
  /** How long the field must rest before the pre-check asks, in ms. */
  precheckDelayMs: number;
  /** An address the right-click menu asks to confirm; PrefillAddress.tsx reads the page's URL without it. */
  readPrefill?(): Prefill | null;
}

/** The real dependencies: settings and the send log straight from storage, the rest through the background. */
export const browserPopupDeps: PopupDeps = {
  source: "popup",
  readSettings,
  watchSettings,
  send: (request, message = "registration-password") => sendMemberMessage(message, request),
  precheck: (query) => sendToBackground("precheckMember", query),
  setActiveConnection: (id) => sendToBackground("setActiveConnection", { id }),
  setPreferences: (changes) => sendToBackground("setPreferences", changes),
  checkPhone: createPhoneChecker(),
  // The send log's readers load with the recent sends, after the first frame (lazy.tsx).
  readRecentSends: async (limit) => (await import("@/utils/send-log")).readRecentSends(limit),
  watchSendLog: (onChange) => {
    let stop: (() => void) | null = null;
    let stopped = false;
    void import("@/utils/send-log").then((log) => {
      if (!stopped) stop = log.watchSendLog(onChange);
    });
    return () => {
      stopped = true;
      stop?.();
    };
  },
  openOptions: () => {
    void browser.runtime.openOptionsPage();
    window.close();
  },
  // tabs.create needs no "tabs" permission.
  openSendLog: () => openExtensionPage("/send-log.html"),
  openBulk: () => openExtensionPage("/bulk.html"),
  // Loaded with the recent sends, after the first frame: the policy reader is not up-front bytes.
  readBulkEnabled: async () => (await (await import("@/utils/policy")).readPolicy()).policy.bulkEnabled,
  precheckDelayMs: 400,
};

/** Opens one of the extension's pages in a tab and closes the popup. */
function openExtensionPage(path: "/send-log.html" | "/bulk.html"): void {
  void browser.tabs.create({ url: browser.runtime.getURL(path) });
  window.close();
}

/** Why the field's value cannot be sent: a catalog key, shown next to the field. */
export type FieldProblem = `emailError_${EmailProblem}` | `phoneError_${PhoneProblem}`;

/** The field checked for its channel: what to send and what to show, or why not. */
type RecipientCheck = { ok: true; recipient: string; shown: string } | { ok: false; problem: FieldProblem };

function fromPhoneCheck(check: PhoneCheck): RecipientCheck {
  return check.ok
    ? { ok: true, recipient: check.msisdn, shown: check.international }
    : { ok: false, problem: `phoneError_${check.problem}` };
}

/** A send's outcome, with its recipient as the operator read it (a number in international format). */
export interface ShownOutcome {
  result: SendResult;
  shown: string;
}

/** A request ready to send, with its recipient as shown. */
interface Prepared {
  request: SendRequest;
  shown: string;
}

/** How many sends the popup lists under the form. */
export const RECENT_SENDS_SHOWN = 3;

/**
 * The popup's state and actions. Plain hooks rather than the signal stores of the other pages:
 * @preact/signals adds 2.83 KB gzipped up front (signals-core 1.53, its Preact part 1.30; hooks
 * stay, signals imports them). A working createPopupStore measured 20.15 KB, about 19.0 KB with
 * all else the first frame can spare loaded later: over the 18 KB budget (npm run size, 2026-12-01).
 */
export function usePopup(deps: PopupDeps) {
  /** undefined while the first read is under way. */
  const [settings, setSettings] = useState<StoredSettings | undefined>(undefined);
  // The connection the operator just picked, shown (and sent with) until the settings catch up.
  const [switchingTo, setSwitchingTo] = useState<string | null>(null);
  // Why the background stored no switch, until the next one.
  const [switchFailure, setSwitchFailure] = useState<StorageFailure["reason"] | null>(null);
  // The operator's channel in this popup, for the connection it was picked on.
  const [choice, setChoice] = useState<{ connectionId: string; channel: Channel } | null>(null);
  const [value, setValueState] = useState("");
  const [problem, setProblem] = useState<FieldProblem | null>(null);
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<ShownOutcome | null>(null);
  // The request a recent-send warning held back, for "Send again", with its recipient as shown.
  const [heldBack, setHeldBack] = useState<{ request: SendRequest; shown: string } | null>(null);
  const [phoneCheck, setPhoneCheck] = useState<{ key: string; check: PhoneCheck } | null>(null);
  // A ref, not state: two Enter presses in one frame both see the first one's flag.
  const inFlight = useRef(false);

  /**
   * Reads the settings; a picked connection stays shown until they name it (or `done` says its
   * write was answered). Another write, such as the channel preference, may land first.
   */
  const load = (done?: string) =>
    void deps.readSettings().then((next) => {
      setSettings(next);
      setSwitchingTo((id) => (id === next.activeConnectionId || id === done ? null : id));
    });

  // A layout effect starts the read right after the first render; a plain effect would wait for
  // the next animation frame, about 10 ms of a 50 ms budget (npm run bench).
  useLayoutEffect(() => {
    load();
    return deps.watchSettings(() => load());
  }, [deps]);

  const activeId = switchingTo ?? settings?.activeConnectionId;
  const connection = settings?.connections.find((c) => c.id === activeId) ?? null;
  const connectionId = connection?.id ?? "";
  const allowed = connection ? allowedChannels(connection) : [];
  const channel: Channel =
    choice?.connectionId === connectionId && allowed.includes(choice.channel)
      ? choice.channel
      : settings && connection
        ? defaultChannel(connection, settings.preferences)
        : "email";
  const country = connection?.country ?? "";
  const phoneKey = `${country} ${value}`;

  // SMS numbers are checked as typed, in the phone worker (started by the first check).
  useEffect(() => {
    if (channel === "msisdn")
      deps.checkPhone(value, country).then((check) => setPhoneCheck({ key: phoneKey, check }), console.error);
  }, [deps, channel, value, country, phoneKey]);

  // What the field holds, checked for its channel; null while an SMS number's check is on its way.
  const email = channel === "email" ? checkEmail(value) : null;
  const live: RecipientCheck | null = email
    ? email.ok
      ? { ok: true, recipient: email.email, shown: email.email }
      : { ok: false, problem: `emailError_${email.problem}` }
    : phoneCheck?.key === phoneKey
      ? fromPhoneCheck(phoneCheck.check)
      : null;
  const recipient = live?.ok ? live.recipient : null;

  /**
   * Runs one send attempt; a second one while it is in flight is ignored, not queued. `prepare`
   * answers the request at once (no wait between the click and the message to the background), or
   * later for an SMS number whose check is still on its way.
   */
  const attempt = async (
    prepare: () => Prepared | null | Promise<Prepared | null>,
    message?: MessageKind,
  ) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setOutcome(null);
    setHeldBack(null);
    try {
      let request = prepare();
      if (request instanceof Promise) {
        setSending(true);
        request = await request;
      }
      if (request === null) return;
      setSending(true);
      // The registration password is sent as before, without a message argument.
      const result = await (message === undefined
        ? deps.send(request.request)
        : deps.send(request.request, message));
      setOutcome({ result, shown: request.shown });
      // A recent-send warning keeps the request for "Send again".
      if (result.kind === "recently-sent") setHeldBack(request);
      // Ready for the next member; the status still names the address that was accepted.
      if (effectOf(result.kind) === "sent") setValueState("");
    } finally {
      inFlight.current = false;
      setSending(false);
    }
  };

  /** Drops the outcome on screen (and a recent-send warning's held-back request): it was about what the field held. */
  const dropOutcome = () => {
    setHeldBack(null);
    setOutcome(null);
  };

  return {
    settings,
    connection,
    isConfigured: connection?.hasToken === true,
    channel,
    allowedChannels: allowed,
    value,
    /** The normalized number to show before an SMS is sent, once the field holds a valid one. */
    phonePreview: channel === "msisdn" && live?.ok ? live.shown : null,
    problem,
    /** The recipient the field holds, once valid: what the pre-check looks up. */
    recipient,
    /** Whether to look members up while the operator types (the desk's preference). */
    precheckOn: settings?.preferences.precheck === true && connection !== null,
    sending,
    outcome,
    canSendAgain: heldBack !== null,
    /** Validates, then sends once. */
    submit: () =>
      attempt(() => {
        if (connection === null) return null;
        const toRequest = (check: RecipientCheck): Prepared | null => {
          setProblem(check.ok ? null : check.problem);
          return check.ok
            ? {
                request: {
                  channel,
                  recipient: check.recipient,
                  source: deps.source,
                  connectionId: connection.id,
                },
                shown: check.shown,
              }
            : null;
        };
        // An SMS number whose check has not come back yet: the send waits for it, visibly.
        return live
          ? toRequest(live)
          : deps.checkPhone(value, country).then((c) => toRequest(fromPhoneCheck(c)));
      }),
    /** After a recent-send warning: the same request again, confirmed. */
    // The warning's result says which message it held back; the repeat is that message again.
    sendAgain: () =>
      attempt(
        () => (heldBack ? { ...heldBack, request: { ...heldBack.request, confirmRepeat: true } } : null),
        outcome?.result.message,
      ),
    /** The reset link, offered when the pre-check says the member has a password: email only. */
    sendReset: () =>
      attempt(
        () =>
          connection && channel === "email" && recipient
            ? {
                request: { channel, recipient, source: deps.source, connectionId: connection.id },
                shown: recipient,
              }
            : null,
        "password-reset",
      ),
    cancelRepeat: dropOutcome,
    /**
     * The channel a refused value plainly belongs to (an email typed in SMS mode, a number in
     * email mode), when this club allows it: the popup offers to switch.
     */
    switchOffer:
      problem === null ? null : (allowed.find((c) => c === otherChannelFor(channel, value)) ?? null),
    /** Typing clears a stale error, and the outcome about what the field held before. */
    setValue: (next: string) => {
      setValueState(next);
      setProblem(null);
      dropOutcome();
    },
    /** Picks a channel and remembers it for this connection, unless told not to; the value stays. */
    chooseChannel: (next: Channel, remember = true) => {
      setChoice({ connectionId, channel: next });
      setProblem(null);
      dropOutcome();
      if (remember && settings)
        deps.setPreferences(rememberChannel(connectionId, next, settings.preferences)).catch(console.error);
    },
    /** Makes another saved connection the active one; the display follows at once. */
    switchConnection: (id: string) => {
      setSwitchingTo(id);
      setProblem(null);
      // An outcome, and a held-back request, belong to the connection they were made with.
      dropOutcome();
      setSwitchFailure(null);
      deps.setActiveConnection(id).then(
        (result) => {
          if (!result.ok) setSwitchFailure(result.reason);
          // Answered: what is stored now is what to show (the previous connection when refused).
          load(id);
        },
        () => setSwitchingTo(null),
      );
    },
    switchFailure,
    openOptions: deps.openOptions,
  };
}

/** The popup's state, as passed to its components. */
export type PopupState = ReturnType<typeof usePopup>;
