/** What opening the welcome needs from the browser. */
export interface WelcomeDeps {
  openTab(url: string): Promise<unknown>;
  /** The options page with the welcome flag (options.html?welcome). */
  welcomeUrl: string;
}

/**
 * runtime.onInstalled: a first install opens the options page with its welcome, since nothing
 * works before a token is pasted there. An update, a browser update or a shared-module update
 * opens nothing: a desk that is working should stay undisturbed.
 */
export async function openWelcomeOnInstall(deps: WelcomeDeps, details: { reason: string }): Promise<void> {
  if (details.reason !== "install") return;
  await deps.openTab(deps.welcomeUrl);
}
