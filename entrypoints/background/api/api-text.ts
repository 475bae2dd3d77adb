/** What stands in for a secret the API echoed back. */
export const HIDDEN_MARKER = "[hidden]";

/** How long a piece of API text may be, unless the caller says otherwise. */
const MAX_API_TEXT_LENGTH = 300;

// Controls, format characters (bidi embeddings U+202A–202E, isolates U+2066–2069, marks, zero-width
// characters), lone surrogates, private use and other default-ignorables: none is meant to be read,
// and a bidi control would reorder the outcome text around it ("…was not sent" shown as "…sent").
const INVISIBLE = /[\p{C}\p{Default_Ignorable_Code_Point}]/gu;

/**
 * Makes text the Placewise API (or whatever answered in its place) wrote safe to show and to store:
 * no invisible or reordering characters, one line, at most `maxLength` characters, and every secret
 * the client sent (the client token) replaced by "[hidden]", also where it appears URL-encoded.
 * Redaction runs before the cap, so a cut can never leave the start of a token behind.
 */
export function cleanApiText(
  text: string,
  secrets: readonly string[],
  maxLength: number = MAX_API_TEXT_LENGTH,
): string {
  // Whitespace first (newlines are controls too, and must still separate words), then the rest.
  // JavaScript's \s includes the BOM (U+FEFF), which separates nothing: it goes with the rest.
  const visible = text.replace(/(?:(?!\ufeff)\s)+/gu, " ").replace(INVISIBLE, "");
  const redacted = redact(visible, secrets).replace(/ {2,}/gu, " ").trim();
  return cap(redacted, maxLength);
}

function redact(text: string, secrets: readonly string[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    // An empty secret would match between every two characters.
    if (secret === "") continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    // Form encoding (a query string echoed back) writes spaces as "+".
    forms.add(encodeURIComponent(secret).replace(/%20/gu, "+"));
  }
  if (forms.size === 0) return text;
  // Longest first, so an encoded form is not half-replaced by a shorter one inside it. Case-blind:
  // percent escapes come in either case, and hiding too much of an error text costs nothing.
  const pattern = [...forms]
    .sort((a, b) => b.length - a.length)
    .map((form) => form.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&"))
    .join("|");
  return text.replace(new RegExp(pattern, "giu"), HIDDEN_MARKER);
}

/** Cuts at a code point, never inside a surrogate pair, and says that it cut. */
function cap(text: string, maxLength: number): string {
  const chars = [...text];
  if (chars.length <= maxLength) return text;
  return `${chars
    .slice(0, Math.max(0, maxLength - 1))
    .join("")
    .trimEnd()}…`;
}
