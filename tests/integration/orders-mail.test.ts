import { createServer, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { placeCheckout } from "../../app/models/orders/checkout.server";
import { listOrderNotifications } from "../../app/models/orders/notifications.server";
import { createMailer, sendOrderNotifications } from "../../app/services/mail.server";
import { makeStation } from "../factories/geography";
import { rows } from "../factories/ledger";
import { makeStockedProduct } from "../factories/till";
import { testDb } from "../support/db";

/**
 * A minimal SMTP server (RFC 5321's happy path, no TLS offered) so the real nodemailer
 * transport is exercised over a real socket; it keeps what it was sent.
 */
interface Received {
  to: string[];
  data: string;
}

function startSmtp(): Promise<{ server: Server; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((socket) => {
    let buffer = "";
    let inData = false;
    let current: Received = { to: [], data: "" };
    socket.write("220 test ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let end: number;
      while ((end = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            received.push(current);
            current = { to: [], data: "" };
            socket.write("250 queued\r\n");
          } else current.data += `${line}\r\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250 test\r\n");
        else if (verb === "RCPT") {
          current.to.push(/<([^>]*)>/.exec(line)?.[1] ?? "");
          socket.write("250 ok\r\n");
        } else if (verb === "DATA") {
          inData = true;
          socket.write("354 go ahead\r\n");
        } else if (verb === "QUIT") {
          socket.end("221 bye\r\n");
        } else socket.write("250 ok\r\n");
      }
    });
    socket.on("error", () => {});
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as AddressInfo).port, received })));
}

let smtp: Awaited<ReturnType<typeof startSmtp>>;

beforeEach(async () => {
  smtp = await startSmtp();
});

afterEach(async () => {
  await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
});

async function placeWithEmail(email: string | null) {
  const db = testDb();
  const station = await makeStation(db, { code: "huawu" });
  const { product } = await makeStockedProduct(db, station, { stock: "10", price: "40.00" });
  return placeCheckout(db, {
    buyerUserId: null,
    idempotencyKey: `mail-test-${email ?? "none"}`,
    contact: { name: "李娜", phone: "13912345678", email },
    fulfilment: { kind: "pickup" },
    payment: "at_pickup",
    lines: [{ productId: product.id, quantity: "5", expectedUnitPrice: "40.00" }],
  });
}

describe("order notifications by e-mail", () => {
  it("are sent over SMTP once, with the order's link, and marked sent", async () => {
    const placed = await placeWithEmail("lina@example.cn");
    const mailer = createMailer({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: "村站 <orders@example.cn>" })!;
    expect(await sendOrderNotifications(testDb(), mailer, { origin: "https://cunzhan.example.cn" })).toBe(1);
    expect(await sendOrderNotifications(testDb(), mailer, { origin: "https://cunzhan.example.cn" })).toBe(0);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(["lina@example.cn"]);
    const body = smtp.received[0]!.data.replace(/=\r\n/g, "");
    expect(body).toContain(`https://cunzhan.example.cn/orders/${placed.token}`);
    const [note] = await listOrderNotifications(testDb(), { orderIds: [placed.orders[0]!.id] });
    expect([note!.channel, note!.status, note!.attempts, note!.sentAt !== null]).toEqual(["email", "sent", 1, true]);
  });

  it("stay pending (attempt counted) while the SMTP server cannot be reached, and go out later", async () => {
    await placeWithEmail("lina@example.cn");
    const down = createMailer({ SMTP_URL: "smtp://127.0.0.1:1", MAIL_FROM: undefined })!;
    expect(await sendOrderNotifications(testDb(), down, { origin: "http://localhost" })).toBe(0);
    const [pending] = await rows<{ status: string; attempts: number }>(testDb(), sql`select status, attempts from notifications`);
    expect(pending).toEqual({ status: "pending", attempts: 1 });
    const up = createMailer({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: undefined })!;
    expect(await sendOrderNotifications(testDb(), up, { origin: "http://localhost" })).toBe(1);
  });

  it("are not e-mailed without an address: they wait on the order page; no SMTP_URL means no mailer", async () => {
    await placeWithEmail(null);
    const mailer = createMailer({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: undefined })!;
    expect(await sendOrderNotifications(testDb(), mailer, { origin: "http://localhost" })).toBe(0);
    expect(smtp.received).toHaveLength(0);
    expect(createMailer({ SMTP_URL: undefined, MAIL_FROM: undefined })).toBeNull();
  });
});
