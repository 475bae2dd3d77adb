import type { PhoneCheck } from "@/utils/validation/phone";

/** Checks a phone number in the phone worker; the first call starts it. */
export type PhoneChecker = (input: string, defaultCountry: string) => Promise<PhoneCheck>;

/** A checker backed by one worker, started on first use. Answers come back in the order asked. */
export function createPhoneChecker(): PhoneChecker {
  let worker: Worker | undefined;
  const waiting: Array<{ resolve: (check: PhoneCheck) => void; reject: (error: unknown) => void }> = [];
  return (input, country) => {
    if (worker === undefined) {
      worker = new Worker(new URL("./phone-worker.ts", import.meta.url), { type: "module" });
      worker.onmessage = (event: MessageEvent<PhoneCheck>) => waiting.shift()?.resolve(event.data);
      // A worker that cannot start is a bug (a missing file); fail every pending check rather than hang.
      worker.onerror = (error) => {
        for (const pending of waiting.splice(0)) pending.reject(error);
        worker = undefined;
      };
    }
    const started = worker;
    return new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      started.postMessage({ input, country });
    });
  };
}
