import { browser } from "wxt/browser";

/**
 * What storage.managed holds (IT's policy, unparsed). Chrome answers {} without a policy; Firefox
 * rejects ("Managed storage manifest not found"), and so does a browser without managed storage:
 * all three mean no policy, {}. Apart from policy.ts so a page starts this read at once, beside
 * its storage.local read, while the policy's parser is still loading (utils/settings.ts).
 */
export async function readManagedStorage(): Promise<unknown> {
  try {
    return await browser.storage.managed.get(null);
  } catch {
    return {};
  }
}
