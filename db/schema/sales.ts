import { sql } from "drizzle-orm";
import { check, date, foreignKey, index, integer, numeric, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { OWNER_KINDS } from "../../app/domain/catalog";
import { PAYMENT_KINDS } from "../../app/domain/till";
import { cashSessions } from "./cash-sessions";
import { products } from "./catalog";
import { users } from "./identity";
import { ledgerJournals } from "./ledger";
import { stations } from "./stations";

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

/**
 * A walk-in sale at the till. Written once with its lines, its stock movements and its journal
 * in one transaction; never updated or deleted (trigger). A void or refund is a sale_returns row.
 * `idempotency_key` is issued when the sale form is rendered: a resubmitted form finds its sale.
 */
export const sales = pgTable(
  "sales",
  {
    id: uuid("id").primaryKey(),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id),
    number: integer("number").notNull(),
    businessDate: date("business_date", { mode: "string" }).notNull(),
    soldAt: timestamp("sold_at", { withTimezone: true }).notNull().defaultNow(),
    operatorId: uuid("operator_id")
      .notNull()
      .references(() => users.id),
    payment: text("payment", { enum: PAYMENT_KINDS }).notNull(),
    paymentReference: text("payment_reference").notNull().default(""),
    total: numeric("total", { precision: 14, scale: 2 }).notNull(),
    tendered: numeric("tendered", { precision: 14, scale: 2 }),
    cashSessionId: uuid("cash_session_id"),
    idempotencyKey: text("idempotency_key").notNull(),
    /** The public receipt's address: unguessable, carries no personal data. */
    publicToken: text("public_token").notNull(),
    journalId: uuid("journal_id").notNull(),
  },
  (t) => [
    unique("sales_station_number_key").on(t.stationId, t.number),
    unique("sales_station_key_key").on(t.stationId, t.idempotencyKey),
    unique("sales_public_token_key").on(t.publicToken),
    unique("sales_id_station_key").on(t.id, t.stationId),
    foreignKey({ name: "sales_journal_fk", columns: [t.journalId, t.stationId], foreignColumns: [ledgerJournals.id, ledgerJournals.stationId] }),
    foreignKey({ name: "sales_session_fk", columns: [t.cashSessionId, t.stationId], foreignColumns: [cashSessions.id, cashSessions.stationId] }),
    index("sales_station_date_idx").on(t.stationId, t.businessDate),
    check("sales_number_positive", sql`${t.number} >= 1`),
    check("sales_total_positive", sql`${t.total} > 0`),
    check("sales_payment_valid", sql`${t.payment} in (${inList(PAYMENT_KINDS)})`),
    check(
      "sales_payment_shape",
      sql`(${t.payment} = 'cash' and ${t.cashSessionId} is not null and ${t.tendered} is not null and ${t.tendered} >= ${t.total})
       or (${t.payment} = 'mobile' and ${t.tendered} is null and char_length(${t.paymentReference}) between 1 and 64)`,
    ),
  ],
);

/** One product on a sale: quantity in the product's unit, the price used, and the split. */
export const saleLines = pgTable(
  "sale_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    saleId: uuid("sale_id").notNull(),
    stationId: uuid("station_id").notNull(),
    lineNo: integer("line_no").notNull(),
    productId: uuid("product_id").notNull(),
    quantity: numeric("quantity", { precision: 14, scale: 3 }).notNull(),
    unitPrice: numeric("unit_price", { precision: 14, scale: 2 }).notNull(),
    amount: numeric("amount", { precision: 14, scale: 2 }).notNull(),
    commission: numeric("commission", { precision: 14, scale: 2 }).notNull(),
    commissionRate: numeric("commission_rate", { precision: 6, scale: 4 }).notNull(),
    ownerKind: text("owner_kind", { enum: OWNER_KINDS }).notNull(),
    householdId: uuid("household_id"),
    partnerId: uuid("partner_id"),
  },
  (t) => [
    unique("sale_lines_sale_line_key").on(t.saleId, t.lineNo),
    foreignKey({ name: "sale_lines_sale_fk", columns: [t.saleId, t.stationId], foreignColumns: [sales.id, sales.stationId] }),
    foreignKey({ name: "sale_lines_product_fk", columns: [t.productId, t.stationId], foreignColumns: [products.id, products.stationId] }),
    index("sale_lines_household_idx").on(t.householdId),
    check("sale_lines_quantity_positive", sql`${t.quantity} > 0`),
    check("sale_lines_amount_split", sql`${t.amount} > 0 and ${t.commission} >= 0 and ${t.commission} <= ${t.amount}`),
    check(
      "sale_lines_owner_shape",
      sql`(${t.ownerKind} = 'household' and ${t.householdId} is not null) or (${t.ownerKind} = 'partner' and ${t.partnerId} is not null)
       or (${t.ownerKind} = 'collective' and ${t.commission} = 0)`,
    ),
  ],
);

export const RETURN_KINDS = ["void", "refund"] as const;

/** A void (same day, the whole sale) or a refund (some or all): stock comes back, a reversing journal is posted. */
export const saleReturns = pgTable(
  "sale_returns",
  {
    id: uuid("id").primaryKey(),
    saleId: uuid("sale_id").notNull(),
    stationId: uuid("station_id").notNull(),
    kind: text("kind", { enum: RETURN_KINDS }).notNull(),
    businessDate: date("business_date", { mode: "string" }).notNull(),
    returnedAt: timestamp("returned_at", { withTimezone: true }).notNull().defaultNow(),
    amount: numeric("amount", { precision: 14, scale: 2 }).notNull(),
    reason: text("reason").notNull(),
    cashSessionId: uuid("cash_session_id"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    idempotencyKey: text("idempotency_key").notNull(),
    journalId: uuid("journal_id").notNull(),
  },
  (t) => [
    unique("sale_returns_station_key_key").on(t.stationId, t.idempotencyKey),
    foreignKey({ name: "sale_returns_sale_fk", columns: [t.saleId, t.stationId], foreignColumns: [sales.id, sales.stationId] }),
    foreignKey({ name: "sale_returns_journal_fk", columns: [t.journalId, t.stationId], foreignColumns: [ledgerJournals.id, ledgerJournals.stationId] }),
    index("sale_returns_sale_idx").on(t.saleId),
    check("sale_returns_kind_valid", sql`${t.kind} in (${inList(RETURN_KINDS)})`),
    check("sale_returns_amount_positive", sql`${t.amount} > 0`),
    check("sale_returns_reason_length", sql`char_length(${t.reason}) between 1 and 200`),
  ],
);

export const saleReturnLines = pgTable(
  "sale_return_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    returnId: uuid("return_id")
      .notNull()
      .references(() => saleReturns.id),
    saleLineId: uuid("sale_line_id")
      .notNull()
      .references(() => saleLines.id),
    quantity: numeric("quantity", { precision: 14, scale: 3 }).notNull(),
    amount: numeric("amount", { precision: 14, scale: 2 }).notNull(),
    commission: numeric("commission", { precision: 14, scale: 2 }).notNull(),
  },
  (t) => [
    index("sale_return_lines_line_idx").on(t.saleLineId),
    check("sale_return_lines_positive", sql`${t.quantity} > 0 and ${t.amount} > 0 and ${t.commission} >= 0 and ${t.commission} <= ${t.amount}`),
  ],
);
