import type { Signal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { EnvironmentBadge } from "@/components/EnvironmentBadge";
import { MAX_BULK_RECIPIENTS } from "@/utils/bulk-input";
import { BULK_CONCURRENCY_LIMITS, BULK_RATE_LIMITS } from "@/utils/bulk-run";
import { isProductionEnvironment } from "@/utils/environments";
import { t } from "@/utils/i18n";
import { tPlural } from "@/utils/plural";
import { ConnectionChoice } from "./ConnectionChoice";
import type { NumberProblem } from "./compose-form";
import { DuplicateRows, InvalidRows } from "./ReviewRows";
import type { BulkPageStore } from "./store";
import { CHANNEL_KEYS, duration, type Formats, NUMBER_PROBLEM_KEYS } from "./wording";

/** The recently sent members listed at most; the rest are counted. */
const MAX_RECENT_SHOWN = 200;

/** Preparing a run: the connection, the list and channel, then the review and confirmation. */
export function Compose({ store, formats }: { store: BulkPageStore; formats: Formats }) {
  const connection = store.connection.value;
  const textarea = useRef<HTMLTextAreaElement>(null);
  // After "New run" the run's panel is gone and focus with it: start again at the list.
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement === null)
      textarea.current?.focus();
  }, []);
  return (
    <>
      <section class="panel" aria-labelledby="connection-heading">
        <h2 id="connection-heading" class="visually-hidden">
          {t("bulk_connectionHeading")}
        </h2>
        <ConnectionChoice store={store} />
      </section>
      <section class="panel" aria-labelledby="list-heading">
        <h2 id="list-heading">{t("bulk_listHeading")}</h2>
        <label for="recipients">{t("bulk_recipients")}</label>
        <textarea
          ref={textarea}
          id="recipients"
          rows={10}
          value={store.text.value}
          spellcheck={false}
          autoComplete="off"
          aria-describedby="recipients-hint"
          onInput={(event) => store.setText(event.currentTarget.value)}
        />
        <p id="recipients-hint" class="hint">
          {t("bulk_recipientsHint")}
        </p>
        <div class="compose-row">
          <div class="file-field">
            <label for="csv-file">{t("bulk_csvFile")}</label>
            <input
              id="csv-file"
              type="file"
              accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
              aria-describedby="csv-file-hint"
              onChange={(event) => {
                const file = event.currentTarget.files?.[0];
                if (file) void store.loadFile(file);
              }}
            />
            <p id="csv-file-hint" class="hint">
              {t("bulk_csvFileHint")}
            </p>
          </div>
          <ChannelChoice store={store} />
        </div>
        <div class="actions">
          <button
            type="button"
            class="primary"
            disabled={connection === null || store.text.value.trim() === "" || store.reviewing.value}
            onClick={() => void store.reviewList()}
          >
            {t("bulk_review")}
          </button>
        </div>
      </section>
      {store.review.value ? <ReviewPanel store={store} formats={formats} /> : null}
    </>
  );
}

function ChannelChoice({ store }: { store: BulkPageStore }) {
  const allowed = store.channels.value;
  const current = store.channel.value;
  return (
    <fieldset class="channel-choice">
      <legend>{t("bulk_sendBy")}</legend>
      <div class="radios">
        {(["email", "msisdn"] as const).map((option) => (
          <label key={option} class="radio">
            <input
              type="radio"
              name="channel"
              value={option}
              checked={current === option}
              disabled={!allowed.includes(option)}
              onChange={() => store.setChannel(option)}
            />
            {t(CHANNEL_KEYS[option])}
          </label>
        ))}
      </div>
      <p class="hint">
        {allowed.length === 1 && allowed[0] === "email"
          ? t("bulk_sendByEmailOnly")
          : allowed.length === 1
            ? t("bulk_sendBySmsOnly")
            : t("bulk_sendByHint")}
      </p>
    </fieldset>
  );
}

function ReviewPanel({ store, formats }: { store: BulkPageStore; formats: Formats }) {
  const review = store.review.value;
  const heading = useRef<HTMLHeadingElement>(null);
  // The review appears below the form: take the operator (and a screen reader) to it.
  useEffect(() => heading.current?.focus(), []);
  if (review === null) return null;
  const { input } = review;
  const valid = input.recipients.length;
  const tooMany = store.toSend.value.length > MAX_BULK_RECIPIENTS;
  return (
    <section class="panel review" aria-labelledby="review-heading">
      <h2 id="review-heading" ref={heading} tabIndex={-1}>
        {t("bulk_reviewHeading")}
      </h2>
      <ul class="review-counts">
        <li class="count-valid">
          <strong>{formats.number.format(valid)}</strong> {tPlural("bulk_valid", valid)}
        </li>
        <li>
          <strong>{formats.number.format(input.duplicates.length)}</strong>{" "}
          {tPlural("bulk_duplicates", input.duplicates.length)}
        </li>
        <li class={input.invalid.length > 0 ? "count-invalid" : undefined}>
          <strong>{formats.number.format(input.invalid.length)}</strong>{" "}
          {tPlural("bulk_invalid", input.invalid.length)}
        </li>
      </ul>
      {input.headerLine !== null ? (
        <p class="hint">{t("bulk_headerSkipped", formats.number.format(input.headerLine))}</p>
      ) : null}
      {input.duplicates.length > 0 ? <DuplicateRows store={store} formats={formats} /> : null}
      {input.invalid.length > 0 ? <InvalidRows store={store} formats={formats} /> : null}
      {review.recent.length > 0 ? <RecentMembers store={store} formats={formats} /> : null}
      {review.recentUnchecked ? <p class="hint">{t("bulk_recentUnchecked")}</p> : null}
      {valid === 0 ? (
        <p class="field-error">{t("bulk_nobody")}</p>
      ) : tooMany ? (
        <p class="field-error">{t("bulk_tooMany", formats.number.format(MAX_BULK_RECIPIENTS))}</p>
      ) : (
        <StartPanel store={store} formats={formats} />
      )}
    </section>
  );
}

/**
 * The members the send log says may have had a message within the desk's repeat window: left out
 * of the run unless the operator ticks the box, so a member sent from the popup is not sent twice.
 */
function RecentMembers({ store, formats }: { store: BulkPageStore; formats: Formats }) {
  const review = store.review.value;
  if (review === null) return null;
  const { recent, at } = review;
  const window = formats.minutes.format(review.windowMinutes);
  const shown = recent.slice(0, MAX_RECENT_SHOWN);
  return (
    <div class="recent-members">
      <p class="recent-note">{tPlural("bulk_recentLeftOut", recent.length, window)}</p>
      <ul class="recent-list">
        {shown.map((member) => (
          <li key={`${member.recipient.channel}:${member.recipient.recipient}`}>
            {t(
              "bulk_recentAgo",
              member.recipient.shown,
              formats.minutes.format(Math.max(1, Math.ceil((at - member.at) / 60_000))),
            )}
          </li>
        ))}
      </ul>
      {recent.length > shown.length ? (
        <p class="hint">{t("bulk_invalidMore", formats.number.format(recent.length - shown.length))}</p>
      ) : null}
      <label class="checkbox">
        <input
          type="checkbox"
          checked={store.keepRecent.value}
          onChange={(event) => {
            store.keepRecent.value = event.currentTarget.checked;
          }}
        />
        {tPlural("bulk_recentKeep", recent.length, window)}
      </label>
    </div>
  );
}

function StartPanel({ store, formats }: { store: BulkPageStore; formats: Formats }) {
  const review = store.review.value;
  if (review === null) return null;
  const { connection } = review;
  const count = store.toSend.value.length;
  const rate = store.rateCheck.value;
  const concurrency = store.concurrencyCheck.value;
  const production = isProductionEnvironment(connection.environment);
  return (
    <div class={production ? "confirm-panel confirm-production" : "confirm-panel"}>
      <h3>{t("bulk_confirmHeading")}</h3>
      <p class="confirm-summary">
        {tPlural("bulk_confirmSummary", count, connection.clubSlug, connection.label)}{" "}
        <EnvironmentBadge environment={connection.environment} />
      </p>
      <div class="number-fields">
        <NumberField
          id="rate"
          label={t("bulk_rate")}
          hint={t("bulk_rateHint")}
          value={store.rate}
          step="any"
          limits={BULK_RATE_LIMITS}
          problem={rate.ok ? null : rate.problem}
          formats={formats}
        />
        <NumberField
          id="concurrency"
          label={t("bulk_concurrency")}
          hint={t("bulk_concurrencyHint")}
          value={store.concurrency}
          step="1"
          limits={BULK_CONCURRENCY_LIMITS}
          problem={concurrency.ok ? null : concurrency.problem}
          formats={formats}
        />
      </div>
      {rate.ok ? (
        <p class="hint">
          {t(
            "bulk_duration",
            formats.number.format(rate.value),
            duration(Math.ceil(count / rate.value), formats),
          )}
        </p>
      ) : null}
      {production ? (
        <div class="production-ack">
          <p class="production-note">{t("bulk_productionNote")}</p>
          <label class="checkbox">
            <input
              type="checkbox"
              checked={store.productionAck.value}
              onChange={(event) => {
                store.productionAck.value = event.currentTarget.checked;
              }}
            />
            {t("bulk_productionAck", connection.clubSlug)}
          </label>
        </div>
      ) : null}
      <div class="actions">
        <button
          type="button"
          class="primary start"
          disabled={!store.canStart.value}
          onClick={() => void store.start()}
        >
          {tPlural("bulk_start", count)}
        </button>
      </div>
    </div>
  );
}

function NumberField(props: {
  id: string;
  label: string;
  hint: string;
  value: Signal<string>;
  step: string;
  limits: { min: number; max: number };
  problem: NumberProblem | null;
  formats: Formats;
}) {
  const { id, problem, limits, formats } = props;
  return (
    <div class="field number-field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={limits.min}
        max={limits.max}
        step={props.step}
        value={props.value.value}
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ""}`}
        onInput={(event) => {
          props.value.value = event.currentTarget.value;
        }}
      />
      {problem ? (
        <p id={`${id}-error`} class="field-error">
          {t(
            NUMBER_PROBLEM_KEYS[problem],
            formats.number.format(limits.min),
            formats.number.format(limits.max),
          )}
        </p>
      ) : null}
      <p id={`${id}-hint`} class="hint">
        {props.hint}
      </p>
    </div>
  );
}
