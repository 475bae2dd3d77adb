import { checkPhone } from "@/utils/validation/phone";

// The phone checker and libphonenumber's metadata, in a bundle of their own that only SMS loads.
// A worker, so parsing the metadata and checking each keystroke never hold up the field.
self.onmessage = (event: MessageEvent<{ input: string; country: string }>) => {
  self.postMessage(checkPhone(event.data.input, event.data.country));
};
