import pino from "pino";

/**
 * Structured logs, one JSON object per line. Silent under test unless LOG_LEVEL says otherwise.
 * Read straight from process.env so that importing the logger never depends on the full config.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" || process.env.VITEST ? "silent" : "info"),
  base: { app: "cunzhan" },
  redact: { paths: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'], remove: true },
});
