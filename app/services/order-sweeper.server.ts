import { expireUnpaidCheckouts } from "~/models/orders/sweeper.server";
import type { Env } from "~/utils/env.server";
import type { Db } from "../../db/client.server";
import { createMailer, sendOrderNotifications } from "./mail.server";

interface SweeperLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * The order housekeeping every app instance runs on a timer: release unpaid online checkouts past
 * their payment window (expireUnpaidCheckouts: safe on several instances at once) and, when
 * SMTP_URL is set, e-mail the pending order notifications (claimed with SKIP LOCKED, so two
 * instances never send one twice). A run never overlaps the previous one. Returns a stop function.
 */
export function startOrderSweeper({ db, env, logger, everyMs = 60_000 }: { db: Db; env: Env; logger: SweeperLog; everyMs?: number }): () => void {
  const mailer = createMailer(env);
  const origin = env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : `http://localhost:${env.PORT}`;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const expired = await expireUnpaidCheckouts(db, { now: new Date() });
      if (expired > 0) logger.info({ expired }, "released unpaid online checkouts");
      if (mailer) {
        const sent = await sendOrderNotifications(db, mailer, { origin });
        if (sent > 0) logger.info({ sent }, "e-mailed order notifications");
      }
    } catch (error) {
      logger.error({ err: error }, "the order sweeper failed; it runs again at the next tick");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
