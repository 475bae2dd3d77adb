import { useEffect, useRef } from "preact/hooks";
import { ENVIRONMENT_LABEL_KEYS, EnvironmentBadge } from "@/components/EnvironmentBadge";
import { OutcomeMessage } from "@/components/OutcomeMessage";
import type { Channel } from "@/utils/channel";
import { describeSendOutcome } from "@/utils/describe-outcome";
import { isProductionEnvironment } from "@/utils/environments";
import { type MessageKey, t } from "@/utils/i18n";
import type { PrecheckOutcome } from "@/utils/send-outcome";
import { recentOutcomeWords, recentTone, shownRecipient, timeAgo } from "./recent-words";
import { type PopupDeps, type PopupState, usePopup, useRecentSends } from "./use-popup";

/** The popup: the connection in view, the channel, one field, one button, one outcome, the last sends. */
export function App({ deps }: { deps: PopupDeps }) {
  const popup = usePopup(deps);
  if (popup.settings === undefined) return null;
  return popup.isConfigured ? <SendForm popup={popup} deps={deps} /> : <NotConfigured popup={popup} />;
}

function NotConfigured({ popup }: { popup: PopupState }) {
  return (
    <main class="popup">
      <h1>{t("popup_notConfiguredTitle")}</h1>
      <p>{t("popup_notConfiguredBody")}</p>
      {/* Another saved connection may still have its token (a session-only one is gone after a restart). */}
      <ConnectionSwitcher popup={popup} />
      <button type="button" class="primary" onClick={popup.openOptions}>
        {t("popup_openSettings")}
      </button>
    </main>
  );
}

/** One click to another saved connection; only there when there is more than one. */
function ConnectionSwitcher({ popup }: { popup: PopupState }) {
  const connections = popup.settings?.connections ?? [];
  if (connections.length < 2) return null;
  return (
    <div class="switcher">
      <label for="connection">{t("popup_connection")}</label>
      <select
        id="connection"
        value={popup.connection?.id ?? ""}
        onChange={(event) => popup.switchConnection(event.currentTarget.value)}
      >
        {connections.map((c) => (
          <option key={c.id} value={c.id}>
            {t("popup_connectionOption", c.label, t(ENVIRONMENT_LABEL_KEYS[c.environment]))}
          </option>
        ))}
      </select>
    </div>
  );
}

const CHANNEL_NAMES: Record<Channel, MessageKey> = {
  email: "popup_channelEmail",
  msisdn: "popup_channelSms",
};
const ONLY_CHANNEL: Record<Channel, MessageKey> = {
  email: "popup_channelOnlyEmail",
  msisdn: "popup_channelOnlySms",
};

function ChannelChoice({ popup }: { popup: PopupState }) {
  const only = popup.allowedChannels.length === 1 ? popup.allowedChannels[0] : undefined;
  return (
    <div
      class="channels"
      role="radiogroup"
      aria-labelledby="channel-legend"
      aria-describedby={only ? "channel-reason" : undefined}
    >
      <span id="channel-legend">{t("popup_sendBy")}</span>
      {(["email", "msisdn"] as const).map((channel) => (
        <label key={channel}>
          <input
            type="radio"
            name="channel"
            value={channel}
            checked={popup.channel === channel}
            // A club whose members sign up one way only: the other way could only fail.
            disabled={!popup.allowedChannels.includes(channel)}
            onChange={() => popup.chooseChannel(channel)}
          />
          {t(CHANNEL_NAMES[channel])}
        </label>
      ))}
      {only ? (
        <p id="channel-reason" class="hint channel-reason">
          {t(ONLY_CHANNEL[only])}
        </p>
      ) : null}
    </div>
  );
}

/** The pre-check's answer in words and a tone, or null when there is nothing to say. */
function precheckWords(
  answer: PrecheckOutcome | null,
  channel: Channel,
): { tone: "found" | "note" | "missing"; text: string } | null {
  switch (answer?.kind) {
    case "member-found":
      return answer.hasPassword
        ? { tone: "note", text: t("popup_precheckHasPassword") }
        : { tone: "found", text: t("popup_precheckFound") };
    case "no-member":
      return {
        tone: "missing",
        text: t(
          channel === "email" ? "popup_precheckNoMemberEmail" : "popup_precheckNoMemberPhone",
          answer.club,
        ),
      };
    case "not-permitted":
      return { tone: "note", text: t("popup_precheckOff") };
    default:
      // "unavailable": the pre-check is information only; a failure there is not worth a word.
      return null;
  }
}

/** Country names in the page's language, for the phone hint. */
function countryName(country: string): string {
  const language = document.documentElement.lang;
  return new Intl.DisplayNames(language ? [language] : [], { type: "region" }).of(country) ?? country;
}

function SendForm({ popup, deps }: { popup: PopupState; deps: PopupDeps }) {
  const connection = popup.connection;
  const field = useRef<HTMLInputElement>(null);
  const { sending, problem, outcome, channel } = popup;

  // On open, and after every outcome: the next address can be pasted at once.
  useEffect(() => {
    if (!sending) field.current?.focus();
  }, [sending]);

  if (connection === null) return null;
  const production = isProductionEnvironment(connection.environment);
  const sms = channel === "msisdn";
  const fieldId = sms ? "member-phone" : "member-email";
  const precheck = precheckWords(popup.precheck, channel);
  const hint = sms
    ? popup.phonePreview
      ? t("popup_willSendTo", popup.phonePreview)
      : connection.country
        ? t("popup_phoneHint", countryName(connection.country))
        : t("popup_phoneHintNoCountry")
    : t("popup_emailHint");
  const describedBy =
    problem !== null ? `${fieldId}-error` : precheck ? `${fieldId}-hint member-precheck` : `${fieldId}-hint`;
  return (
    <main class={`popup ${production ? "popup-production" : ""}`}>
      <h1 class="visually-hidden">{t("popup_heading")}</h1>
      <header class="connection">
        <EnvironmentBadge environment={connection.environment} />
        <span class="club">
          <span class="club-label">{t("popup_club")}</span> <strong>{connection.clubSlug}</strong>
        </span>
        <button type="button" class="link" onClick={popup.openOptions}>
          {t("popup_settings")}
        </button>
      </header>
      <ConnectionSwitcher popup={popup} />
      {production ? <p class="production-note">{t("popup_productionWarning")}</p> : null}
      {connection.environment === "custom" ? (
        <p class="hint">{t("popup_customHost", new URL(connection.baseUrl).host)}</p>
      ) : null}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void popup.submit();
        }}
      >
        <ChannelChoice popup={popup} />
        <label for={fieldId}>{t(sms ? "popup_memberPhone" : "popup_memberEmail")}</label>
        <input
          ref={field}
          id={fieldId}
          type="text"
          inputMode={sms ? "tel" : "email"}
          autoComplete="off"
          spellcheck={false}
          value={popup.value}
          aria-invalid={problem !== null}
          aria-describedby={describedBy}
          onInput={(event) => popup.setValue(event.currentTarget.value)}
        />
        {problem !== null ? (
          <p id={`${fieldId}-error`} class="field-error" role="alert">
            {t(problem)}
          </p>
        ) : (
          <p id={`${fieldId}-hint`} class={popup.phonePreview ? "hint preview" : "hint"}>
            {hint}
          </p>
        )}
        {/* Always mounted, so the answer is announced when it arrives; role=status is the outcome's. */}
        <p
          id="member-precheck"
          class={`precheck ${precheck ? `precheck-${precheck.tone}` : ""}`}
          aria-live="polite"
        >
          {problem === null && precheck ? precheck.text : null}
        </p>
        <button type="submit" class="primary" disabled={sending}>
          {t(sms ? "popup_sendSms" : "popup_send")}
        </button>
      </form>
      <OutcomeMessage
        wording={outcome === null ? null : describeSendOutcome(outcome)}
        pendingText={sending ? t("popup_sending") : null}
        actions={
          popup.canSendAgain ? (
            <>
              <button type="button" class="primary" onClick={popup.sendAgain}>
                {t("popup_sendAgain")}
              </button>
              <button
                type="button"
                onClick={() => {
                  popup.cancelRepeat();
                  field.current?.focus();
                }}
              >
                {t("popup_cancel")}
              </button>
            </>
          ) : null
        }
      />
      <RecentSends deps={deps} />
    </main>
  );
}

function RecentSends({ deps }: { deps: PopupDeps }) {
  const recent = useRecentSends(deps);
  const now = Date.now();
  return (
    <section class="recent" aria-labelledby={recent.length > 0 ? "recent-heading" : undefined}>
      <div class="recent-head">
        {recent.length > 0 ? <h2 id="recent-heading">{t("popup_recentSends")}</h2> : null}
        <a
          href="/send-log.html"
          onClick={(event) => {
            event.preventDefault();
            deps.openSendLog();
          }}
        >
          {t("popup_sendLog")}
        </a>
      </div>
      {recent.length > 0 ? (
        <ul>
          {recent.map((entry) => (
            <li key={entry.id}>
              <span title={shownRecipient(entry)}>{shownRecipient(entry)}</span>
              <span class={`recent-outcome recent-${recentTone(entry.outcome)}`}>
                {recentOutcomeWords(entry)}
              </span>
              <time dateTime={new Date(entry.at).toISOString()} title={new Date(entry.at).toLocaleString()}>
                {timeAgo(entry.at, now)}
              </time>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
