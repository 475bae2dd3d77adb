import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM_FLAGS, extensionFlags } from "../support/chromium";

const LOAD_ERROR = /Extension error: ([^\n]*)/u;

/**
 * Asks Chromium why it refused an extension: it says so only in its log (e.g. a _locales message
 * that uses a $PLACEHOLDER$ it does not define), which Playwright does not show. Starts a headless
 * Chromium with logging on stderr for a few seconds and returns the first load error it prints.
 */
export function findExtensionLoadError(
  executablePath: string,
  extensionDir: string,
  timeoutMs = 5_000,
): Promise<string | null> {
  const profile = mkdtempSync(join(tmpdir(), "psh-bench-diagnose-"));
  const child = spawn(
    executablePath,
    [
      ...CHROMIUM_FLAGS,
      "--headless",
      "--enable-logging=stderr",
      `--user-data-dir=${profile}`,
      ...extensionFlags(extensionDir),
      "about:blank",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  const removeProfile = () =>
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  child.once("close", removeProfile);
  return new Promise<string | null>((resolve) => {
    let log = "";
    const finish = (found: string | null) => {
      clearTimeout(timer);
      child.stderr.removeAllListeners("data");
      child.kill();
      resolve(found);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => {
      log += text;
      const match = LOAD_ERROR.exec(log);
      if (match?.[1]) finish(match[1]);
    });
    child.on("error", () => finish(null));
  });
}
