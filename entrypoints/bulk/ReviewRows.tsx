import { describeRowProblem } from "@/utils/bulk-input";
import { t } from "@/utils/i18n";
import type { BulkPageStore } from "./store";
import type { Formats } from "./wording";

/** The rows listed at most in each table of the review; the rest are counted. */
const MAX_ROWS_SHOWN = 200;

/** Which rows were dropped as duplicates, not only how many: the operator can check the list. */
export function DuplicateRows({ store, formats }: { store: BulkPageStore; formats: Formats }) {
  const duplicates = store.review.value?.input.duplicates ?? [];
  const shown = duplicates.slice(0, MAX_ROWS_SHOWN);
  return (
    <>
      <div class="table-wrap invalid-wrap">
        <table class="data-table duplicates-table">
          <caption>{t("bulk_duplicatesCaption")}</caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                {t("bulk_col_line")}
              </th>
              <th scope="col">{t("bulk_col_recipient_dup")}</th>
              <th scope="col" class="num">
                {t("bulk_col_firstLine")}
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.line}>
                <td class="num">{formats.number.format(row.line)}</td>
                <th scope="row">{row.shown}</th>
                <td class="num">{formats.number.format(row.firstLine)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {duplicates.length > shown.length ? (
        <p class="hint">{t("bulk_invalidMore", formats.number.format(duplicates.length - shown.length))}</p>
      ) : null}
    </>
  );
}

/** The rows that yield no recipient, each with its line and why. */
export function InvalidRows({ store, formats }: { store: BulkPageStore; formats: Formats }) {
  const invalid = store.review.value?.input.invalid ?? [];
  const shown = invalid.slice(0, MAX_ROWS_SHOWN);
  return (
    <>
      <div class="table-wrap invalid-wrap">
        <table class="data-table invalid-table">
          <caption>{t("bulk_invalidCaption")}</caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                {t("bulk_col_line")}
              </th>
              <th scope="col">{t("bulk_col_row")}</th>
              <th scope="col">{t("bulk_col_reason")}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={`${row.line}:${row.text}`}>
                <td class="num">{formats.number.format(row.line)}</td>
                <th scope="row" class="row-text">
                  <code>{row.text}</code>
                </th>
                <td>{describeRowProblem(row.problem)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {invalid.length > shown.length ? (
        <p class="hint">{t("bulk_invalidMore", formats.number.format(invalid.length - shown.length))}</p>
      ) : null}
      <p class="hint">{t("bulk_invalidNotSent")}</p>
    </>
  );
}
