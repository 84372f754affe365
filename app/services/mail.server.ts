import nodemailer from "nodemailer";
import { sendPendingEmails } from "~/models/orders/notifications.server";
import type { Env } from "~/utils/env.server";
import { makeTranslate } from "~/utils/i18n";
import { notificationText } from "./notification-text";
import type { Db } from "../../db/client.server";

/**
 * E-mail for order notifications (ADR 010), the one place that speaks SMTP (nodemailer). With
 * SMTP_URL unset there is no mailer: notifications stay on the order page, nothing is faked.
 */

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

export function createMailer(env: Pick<Env, "SMTP_URL" | "MAIL_FROM">): Mailer | null {
  if (!env.SMTP_URL) return null;
  // Short timeouts: a message is sent while its outbox row is claimed, so a hung server must not hold it long.
  const transport = nodemailer.createTransport({ url: env.SMTP_URL, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  const from = env.MAIL_FROM ?? "村站 <no-reply@localhost>";
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}

/**
 * Sends the pending e-mail notifications (in Chinese: buyers read Chinese first), each with a
 * link to its order page at `origin`. Returns how many went out.
 */
export async function sendOrderNotifications(db: Db, mailer: Mailer, { origin, limit }: { origin: string; limit?: number }): Promise<number> {
  const t = makeTranslate("zh-CN");
  return sendPendingEmails(db, {
    limit,
    send: async ({ to, templateKey, vars }) => {
      const number = typeof vars.number === "string" || typeof vars.number === "number" ? vars.number : "";
      const status = typeof vars.status === "string" ? vars.status : "";
      const link = typeof vars.token === "string" ? `${origin}/orders/${vars.token}` : origin;
      const headline = notificationText(t, templateKey, vars);
      await mailer.send({
        to,
        subject: t("orders.mail.subject", { number, status: status ? notificationText(t, `orders.status.${status}`, {}) : headline }),
        text: `${headline}\n\n${t("orders.mail.body", { number, status: headline, link })}\n`,
      });
    },
  });
}
