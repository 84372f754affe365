import { existsSync } from "node:fs";
import { chromium, defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
// The e2e server's factory port (tests/e2e/support/factory-server.ts), read by the specs' workers too.
process.env.E2E_FACTORY_PORT ??= String(PORT + 99);

/**
 * Debian's Chromium (CI installs it), or CHROMIUM_PATH, or Playwright's own download if one
 * happens to be there. Never skip silently: without a browser the run stops and says what to do.
 */
function findChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/lib/chromium/chromium", "/usr/bin/chromium"];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  try {
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // no bundled browser either
  }
  throw new Error("No Chromium found for the browser tests: run `apt-get install -y chromium` or set CHROMIUM_PATH.");
}

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [["list"]] : [["list"]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    locale: "zh-CN",
    launchOptions: {
      executablePath: findChromium(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "phone", use: { ...devices["Desktop Chrome"], viewport: { width: 360, height: 740 }, isMobile: false } },
  ],
  webServer: {
    // The production build, on a database of its own (a fresh PGlite folder, or a fresh
    // PostgreSQL database when DATABASE_URL is set), seeded with the demo county.
    command: "node_modules/.bin/tsx tests/e2e/serve.ts",
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    // SIGTERM, not SIGKILL, so serve.ts can drop its database and the server can close cleanly.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: { E2E_PORT: String(PORT), E2E_FACTORY_PORT: process.env.E2E_FACTORY_PORT },
  },
});
