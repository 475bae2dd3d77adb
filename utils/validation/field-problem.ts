// Apart from connection.ts so the URL checks (url.ts), which it uses, need not import it back.

/** Why a field was refused; each maps to a catalog message `fieldError_<problem>`. */
export type FieldProblem =
  | "required"
  | "controlCharacters"
  | "notAscii"
  | "invalidUrl"
  | "notHttps"
  | "urlExtras"
  | "slugFormat"
  | "digitsOnly"
  | "notPermitted"
  | "tooLong"
  | "languageFormat";
