import type { Signal } from "@preact/signals";
import { memo } from "preact/compat";
import { useEffect, useRef } from "preact/hooks";
import { EnvironmentBadge } from "@/components/EnvironmentBadge";
import { OutcomeMessage } from "@/components/OutcomeMessage";
import type { BulkItem, BulkRun } from "@/utils/bulk-run";
import { isUnfinished } from "@/utils/bulk-run";
import { t } from "@/utils/i18n";
import { outcomeLabelKey } from "@/utils/outcome-traits";
import { shownRecipient } from "@/utils/phone-format";
import { tPlural } from "@/utils/plural";
import type { BulkPageStore } from "./store";
import {
  CHANNEL_KEYS,
  damagedWording,
  duration,
  type Formats,
  runWording,
  STATE_KEYS,
  STATE_TONES,
  stopReasonWords,
  timeLeftSeconds,
} from "./wording";

/** A run: its connection, status, progress, actions and a row per recipient. */
export function RunPanel({ store, run, formats }: { store: BulkPageStore; run: BulkRun; formats: Formats }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Start removes the button that had focus: continue at the run, not at the top of the page.
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement === null) heading.current?.focus();
  }, []);
  return (
    <section class="panel run" aria-labelledby="run-heading">
      <h2 id="run-heading" ref={heading} tabIndex={-1}>
        {tPlural("bulk_runHeading", run.total)}
      </h2>
      <p class="connection-line">
        <span>{t("bulk_sentWith")}</span> <strong>{run.connectionLabel}</strong>
        <span class="sep" aria-hidden="true">
          ·
        </span>
        <span>{t("bulk_club", run.club)}</span>
        <span class="sep" aria-hidden="true">
          ·
        </span>
        <EnvironmentBadge environment={run.environment} />
      </p>
      <RunStatus store={store} run={run} formats={formats} />
      <Progress store={store} run={run} formats={formats} />
      <RunActions store={store} run={run} formats={formats} />
      <Results store={store} run={run} formats={formats} />
    </section>
  );
}

function RunStatus({ store, run, formats }: { store: BulkPageStore; run: BulkRun; formats: Formats }) {
  if (store.damaged.value) return <OutcomeMessage wording={damagedWording()} />;
  const wording = runWording(run, store.now.value, formats);
  return (
    <div class="run-status">
      <OutcomeMessage
        wording={wording.tone === "pending" ? null : wording}
        pendingText={wording.tone === "pending" ? wording.summary : null}
        actions={
          run.status === "stopped" && stopReasonWords(run).inSettings ? (
            <button type="button" onClick={store.openOptions}>
              {t("bulk_openSettings")}
            </button>
          ) : run.status === "done" && !store.onlyNotSent.value ? (
            <button
              type="button"
              onClick={() => {
                store.onlyNotSent.value = true;
                document.getElementById("results-heading")?.focus();
              }}
            >
              {t("bulk_onlyNotSent")}
            </button>
          ) : null
        }
      />
      <WaitLine store={store} run={run} formats={formats} />
    </div>
  );
}

/** The seconds left of a wait, outside the live region so they are not read out every second. */
function WaitLine({ store, run, formats }: { store: BulkPageStore; run: BulkRun; formats: Formats }) {
  const waitMs = run.resumeAt - store.now.value;
  if (run.status !== "running" || waitMs <= 0) return null;
  return (
    <p class="wait-line">
      {t("bulk_waitSeconds", formats.seconds.format(Math.max(1, Math.ceil(waitMs / 1000))))}
    </p>
  );
}

function Progress({ store, run, formats }: { store: BulkPageStore; run: BulkRun; formats: Formats }) {
  const { counts, total } = run;
  const done = counts.sent + counts.failed + counts.unknown;
  const left = counts.queued + counts.sending;
  const n = (value: number) => formats.number.format(value);
  const percent = total === 0 ? 100 : (done / total) * 100;
  return (
    <div class="progress">
      <div class="progress-label" id="progress-label">
        {t("bulk_progress")}
      </div>
      <div
        class="progress-track"
        role="progressbar"
        aria-labelledby="progress-label"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={t("bulk_progressValue", n(done), n(total))}
      >
        <div class="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p class="progress-counts">
        <span class="tally tally-sent">{t("bulk_tallySent", n(counts.sent))}</span>
        <span class={counts.failed > 0 ? "tally tally-failed" : "tally"}>
          {t("bulk_tallyFailed", n(counts.failed))}
        </span>
        {counts.unknown > 0 ? (
          <span class="tally tally-unknown">{t("bulk_tallyUnknown", n(counts.unknown))}</span>
        ) : null}
        <span class="tally tally-left">{t("bulk_tallyLeft", n(left))}</span>
        {run.status === "running" && left > 0 ? (
          <span class="time-left">
            {t("bulk_timeLeft", duration(timeLeftSeconds(run, store.now.value), formats))}
          </span>
        ) : null}
      </p>
    </div>
  );
}

function RunActions({ store, run, formats }: { store: BulkPageStore; run: BulkRun; formats: Formats }) {
  const busy = store.busy.value;
  if (store.damaged.value) {
    // Resume and Retry failed cannot work without all the members: end the run, keep what is shown.
    return (
      <div class="actions run-actions">
        {isUnfinished(run) ? (
          <button type="button" class="danger-outline" disabled={busy} onClick={store.requestCancel}>
            {t("bulk_cancel")}
          </button>
        ) : null}
        <button type="button" onClick={() => void store.exportCsv()}>
          {t("bulk_exportCsv")}
        </button>
        <button type="button" class="primary" disabled={busy} onClick={() => void store.newRun()}>
          {t("bulk_clearDamaged")}
        </button>
      </div>
    );
  }
  if (isUnfinished(run)) {
    return (
      <div class="actions run-actions">
        {run.status === "running" ? (
          <button type="button" disabled={busy} onClick={() => void store.pause()}>
            {t("bulk_pause")}
          </button>
        ) : (
          <button type="button" class="primary" disabled={busy} onClick={() => void store.resume()}>
            {t("bulk_resume")}
          </button>
        )}
        <button type="button" class="danger-outline" disabled={busy} onClick={store.requestCancel}>
          {t("bulk_cancel")}
        </button>
      </div>
    );
  }
  const retryable = store.retryableCount.value;
  // Only a finished run offers Retry failed: the background resumes a cancelled run's whole queue
  // with it (test/bulk/runner-findings.test.ts), and Cancel must mean nothing more is sent.
  const offerRetry = run.status === "done";
  return (
    <div class="actions run-actions">
      <button type="button" onClick={() => void store.exportCsv()}>
        {t("bulk_exportCsv")}
      </button>
      {offerRetry ? (
        <button
          type="button"
          disabled={busy || retryable === 0}
          aria-describedby="retry-hint"
          onClick={() => void store.retryFailed()}
        >
          {t("bulk_retryFailed", formats.number.format(retryable))}
        </button>
      ) : null}
      <button type="button" class="primary" disabled={busy} onClick={() => void store.newRun()}>
        {t("bulk_newRun")}
      </button>
      {offerRetry ? (
        <p id="retry-hint" class="hint">
          {t("bulk_retryHint")}
        </p>
      ) : null}
    </div>
  );
}

function Results({ store, run, formats }: { store: BulkPageStore; run: BulkRun; formats: Formats }) {
  const ended = !isUnfinished(run);
  return (
    <div class="results">
      <div class="results-head">
        <h3 id="results-heading" tabIndex={-1}>
          {t("bulk_resultsHeading")}
        </h3>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={store.onlyNotSent.value}
            onChange={(event) => {
              store.onlyNotSent.value = event.currentTarget.checked;
            }}
          />
          {ended ? t("bulk_onlyNotSent") : t("bulk_onlyNotSentYet")}
        </label>
      </div>
      {/* "Not sent to" must not read as "got nothing": Unknown members may have had the message. */}
      {store.onlyNotSent.value && run.counts.unknown > 0 ? (
        <p class="hint unknown-note">
          {t("bulk_onlyNotSentUnknown", formats.number.format(run.counts.unknown))}
        </p>
      ) : null}
      <div class="table-wrap">
        <table class="data-table results-table" aria-labelledby="results-heading">
          <thead>
            <tr>
              <th scope="col" class="num">
                {t("bulk_col_number")}
              </th>
              <th scope="col">{t("bulk_col_recipient")}</th>
              <th scope="col">{t("bulk_col_channel")}</th>
              <th scope="col">{t("bulk_col_state")}</th>
              <th scope="col">{t("bulk_col_outcome")}</th>
              <th scope="col" class="num">
                {t("bulk_col_status")}
              </th>
              <th scope="col" class="num">
                {t("bulk_col_attempts")}
              </th>
            </tr>
          </thead>
          {store.chunks.value.map((chunk, index) => (
            <ChunkRows key={index} chunk={chunk} onlyNotSent={store.onlyNotSent} />
          ))}
        </table>
      </div>
    </div>
  );
}

/**
 * One stored chunk (100 recipients) as a <tbody>. It reads only its own chunk's signal, so a
 * change to one chunk re-renders these rows and no others; unchanged rows skip too (memo).
 */
const ChunkRows = memo(function ChunkRows(props: {
  chunk: Signal<BulkItem[]>;
  onlyNotSent: Signal<boolean>;
}) {
  const onlyNotSent = props.onlyNotSent.value;
  const items = props.chunk.value;
  return (
    <tbody>
      {items.map((item) =>
        onlyNotSent && item.state === "sent" ? null : <ResultRow key={item.index} item={item} />,
      )}
    </tbody>
  );
});

const ResultRow = memo(function ResultRow({ item }: { item: BulkItem }) {
  return (
    <tr class={`state-${item.state}`}>
      <td class="num">{item.index + 1}</td>
      <th scope="row" class="recipient">
        {shownRecipient(item)}
      </th>
      <td>{t(CHANNEL_KEYS[item.channel])}</td>
      <td>
        <span class={`tag tone-${STATE_TONES[item.state]}`}>{t(STATE_KEYS[item.state])}</span>
      </td>
      <td>{item.outcome ? t(outcomeLabelKey(item.outcome)) : null}</td>
      <td class="num">{item.status ?? null}</td>
      <td class="num">{item.attempts}</td>
    </tr>
  );
});
