import { checkPhone } from "@/utils/validation/phone";

// The phone checker and libphonenumber's metadata, in a bundle of their own that only SMS loads.
// A worker rather than import(): Vite wraps every import() in a preload helper that would cost the
// popup about 0.9 KB gzipped up front, most of what remains of its 15 KB budget.
self.onmessage = (event: MessageEvent<{ input: string; country: string }>) => {
  self.postMessage(checkPhone(event.data.input, event.data.country));
};
