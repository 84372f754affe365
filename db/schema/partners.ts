import { sql } from "drizzle-orm";
import { check, date, foreignKey, index, integer, numeric, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import {
  BULK_ORDER_STATUSES,
  CONSIGNMENT_NOTE_KINDS,
  PARTNER_KINDS,
  PARTNER_MODES,
  PARTNER_MONEY_METHODS,
  PARTNER_STATUSES,
  REMITTANCE_SCHEDULES,
} from "../../app/domain/partners";
import { PRODUCT_CATEGORIES } from "../../app/domain/catalog";
import { UNIT_CODES } from "../../app/domain/units";
import { products } from "./catalog";
import { counties } from "./geography";
import { households } from "./households";
import { users } from "./identity";
import { ledgerJournals } from "./ledger";
import { stations } from "./stations";

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

/**
 * A company a county's stations do business with (ADR 012). products.partner_id and the ledger's
 * partner sub-ledger name these rows (the products foreign key is added in SQL, 0011+).
 */
export const partnerCompanies = pgTable(
  "partner_companies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    countyId: uuid("county_id")
      .notNull()
      .references(() => counties.id),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull().default(""),
    kind: text("kind", { enum: PARTNER_KINDS }).notNull(),
    mode: text("mode", { enum: PARTNER_MODES }).notNull(),
    contactName: text("contact_name").notNull().default(""),
    contactPhone: text("contact_phone").notNull().default(""),
    addressZh: text("address_zh").notNull().default(""),
    /** Where remittances go (shown masked), and the bank's name. */
    bankAccount: text("bank_account").notNull().default(""),
    bankName: text("bank_name").notNull().default(""),
    status: text("status", { enum: PARTNER_STATUSES }).notNull().default("active"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("partner_companies_county_name_key").on(t.countyId, t.nameZh),
    check("partner_companies_name_length", sql`char_length(${t.nameZh}) between 1 and 60 and char_length(${t.nameEn}) <= 100`),
    check("partner_companies_kind_valid", sql`${t.kind} in (${inList(PARTNER_KINDS)})`),
    check("partner_companies_mode_valid", sql`${t.mode} in (${inList(PARTNER_MODES)})`),
    check("partner_companies_status_valid", sql`${t.status} in (${inList(PARTNER_STATUSES)})`),
    check("partner_companies_phone_format", sql`${t.contactPhone} = '' or ${t.contactPhone} ~ '^[0-9+ -]{5,20}$'`),
    check("partner_companies_bank_account_format", sql`${t.bankAccount} = '' or ${t.bankAccount} ~ '^[0-9]{12,19}$'`),
    check("partner_companies_text_length", sql`char_length(${t.contactName}) <= 40 and char_length(${t.addressZh}) <= 200 and char_length(${t.bankName}) <= 60`),
  ],
);

/** What one station agreed with one partner: commission on consigned goods, payment terms, remittance schedule. */
export const partnerStationTerms = pgTable(
  "partner_station_terms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partnerCompanies.id),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id),
    commissionRate: numeric("commission_rate", { precision: 6, scale: 4 }).notNull(),
    paymentTermsDays: integer("payment_terms_days").notNull(),
    remittanceSchedule: text("remittance_schedule", { enum: REMITTANCE_SCHEDULES }).notNull(),
    updatedBy: uuid("updated_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("partner_station_terms_key").on(t.partnerId, t.stationId),
    index("partner_station_terms_station_idx").on(t.stationId),
    check("partner_station_terms_rate_range", sql`${t.commissionRate} between 0 and 1`),
    check("partner_station_terms_days_range", sql`${t.paymentTermsDays} between 0 and 365`),
    check("partner_station_terms_schedule_valid", sql`${t.remittanceSchedule} in (${inList(REMITTANCE_SCHEDULES)})`),
  ],
);

/** An agreed purchase price per produce (by produce key, ADR 012) under a station's terms. */
export const partnerAgreedPrices = pgTable(
  "partner_agreed_prices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    termsId: uuid("terms_id")
      .notNull()
      .references(() => partnerStationTerms.id),
    produceKey: text("produce_key").notNull(),
    unit: text("unit", { enum: UNIT_CODES }).notNull(),
    unitPrice: numeric("unit_price", { precision: 14, scale: 2 }).notNull(),
  },
  (t) => [
    unique("partner_agreed_prices_key").on(t.termsId, t.produceKey),
    check("partner_agreed_prices_price_positive", sql`${t.unitPrice} > 0`),
    check("partner_agreed_prices_key_length", sql`char_length(${t.produceKey}) between 1 and 60`),
  ],
);

/** A partner's goods received at or returned from a station (收货单 / 退货单): stock movements, no money. */
export const consignmentNotes = pgTable(
  "partner_consignment_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partnerCompanies.id),
    number: integer("number").notNull(),
    kind: text("kind", { enum: CONSIGNMENT_NOTE_KINDS }).notNull(),
    businessDate: date("business_date", { mode: "string" }).notNull(),
    note: text("note").notNull().default(""),
    idempotencyKey: text("idempotency_key").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("partner_consignment_notes_id_station_key").on(t.id, t.stationId),
    unique("partner_consignment_notes_number_key").on(t.stationId, t.number),
    unique("partner_consignment_notes_idempotency_key").on(t.stationId, t.idempotencyKey),
    index("partner_consignment_notes_partner_idx").on(t.partnerId, t.businessDate),
    check("partner_consignment_notes_kind_valid", sql`${t.kind} in (${inList(CONSIGNMENT_NOTE_KINDS)})`),
    check("partner_consignment_notes_number_positive", sql`${t.number} > 0`),
    check("partner_consignment_notes_idempotency_key_length", sql`char_length(${t.idempotencyKey}) between 8 and 100`),
    check("partner_consignment_notes_note_length", sql`char_length(${t.note}) <= 200`),
  ],
);

export const consignmentNoteLines = pgTable(
  "partner_consignment_note_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    noteId: uuid("note_id").notNull(),
    stationId: uuid("station_id").notNull(),
    lineNo: integer("line_no").notNull(),
    productId: uuid("product_id").notNull(),
    quantity: numeric("quantity", { precision: 14, scale: 3 }).notNull(),
    unitPrice: numeric("unit_price", { precision: 14, scale: 2 }).notNull(),
  },
  (t) => [
    unique("partner_consignment_note_lines_key").on(t.noteId, t.lineNo),
    foreignKey({ name: "partner_consignment_note_lines_note_fk", columns: [t.noteId, t.stationId], foreignColumns: [consignmentNotes.id, consignmentNotes.stationId] }),
    foreignKey({ name: "partner_consignment_note_lines_product_fk", columns: [t.productId, t.stationId], foreignColumns: [products.id, products.stationId] }),
    check("partner_consignment_note_lines_quantity_positive", sql`${t.quantity} > 0`),
    check("partner_consignment_note_lines_price_nonnegative", sql`${t.unitPrice} >= 0`),
  ],
);

/** A partner's bulk purchase order at one station; its terms are copied in when it is placed. */
export const bulkOrders = pgTable(
  "bulk_orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partnerCompanies.id),
    number: integer("number").notNull(),
    status: text("status", { enum: BULK_ORDER_STATUSES }).notNull().default("placed"),
    deliveryDate: date("delivery_date", { mode: "string" }).notNull(),
    commissionRate: numeric("commission_rate", { precision: 6, scale: 4 }).notNull(),
    paymentTermsDays: integer("payment_terms_days").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    placedBy: uuid("placed_by").references(() => users.id),
    placedAt: timestamp("placed_at", { withTimezone: true }).notNull().defaultNow(),
    confirmedBy: uuid("confirmed_by").references(() => users.id),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    endedBy: uuid("ended_by").references(() => users.id),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endReason: text("end_reason").notNull().default(""),
  },
  (t) => [
    unique("bulk_orders_id_station_key").on(t.id, t.stationId),
    unique("bulk_orders_number_key").on(t.stationId, t.number),
    unique("bulk_orders_idempotency_key").on(t.partnerId, t.idempotencyKey),
    index("bulk_orders_partner_idx").on(t.partnerId, t.placedAt),
    check("bulk_orders_status_valid", sql`${t.status} in (${inList(BULK_ORDER_STATUSES)})`),
    check("bulk_orders_number_positive", sql`${t.number} > 0`),
    check("bulk_orders_rate_range", sql`${t.commissionRate} between 0 and 1`),
    check("bulk_orders_days_range", sql`${t.paymentTermsDays} between 0 and 365`),
    check("bulk_orders_idempotency_key_length", sql`char_length(${t.idempotencyKey}) between 1 and 200`),
    check("bulk_orders_confirmed_shape", sql`${t.status} = 'placed' or ${t.status} = 'cancelled' or ${t.confirmedAt} is not null`),
    check("bulk_orders_end_reason_length", sql`char_length(${t.endReason}) <= 200`),
  ],
);

/** One produce on a bulk order. delivered ≤ quantity here, and a trigger holds Σ delivery lines = delivered. */
export const bulkOrderLines = pgTable(
  "bulk_order_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id").notNull(),
    stationId: uuid("station_id").notNull(),
    lineNo: integer("line_no").notNull(),
    produceKey: text("produce_key").notNull(),
    nameZh: text("name_zh").notNull(),
    /** The station's English name of the goods when ordered by it, for English pages; "" when the partner named them. */
    nameEn: text("name_en").notNull().default(""),
    category: text("category", { enum: PRODUCT_CATEGORIES }).notNull(),
    unit: text("unit", { enum: UNIT_CODES }).notNull(),
    quantity: numeric("quantity", { precision: 14, scale: 3 }).notNull(),
    unitPrice: numeric("unit_price", { precision: 14, scale: 2 }).notNull(),
    deliveredQuantity: numeric("delivered_quantity", { precision: 14, scale: 3 }).notNull().default("0"),
  },
  (t) => [
    unique("bulk_order_lines_id_station_key").on(t.id, t.stationId),
    unique("bulk_order_lines_line_key").on(t.orderId, t.lineNo),
    unique("bulk_order_lines_produce_key").on(t.orderId, t.produceKey),
    foreignKey({ name: "bulk_order_lines_order_fk", columns: [t.orderId, t.stationId], foreignColumns: [bulkOrders.id, bulkOrders.stationId] }),
    check("bulk_order_lines_quantity_positive", sql`${t.quantity} > 0`),
    check("bulk_order_lines_name_en_length", sql`char_length(${t.nameEn}) <= 100`),
    check("bulk_order_lines_price_positive", sql`${t.unitPrice} > 0`),
    check("bulk_order_lines_delivered_range", sql`${t.deliveredQuantity} >= 0 and ${t.deliveredQuantity} <= ${t.quantity}`),
  ],
);

/** A delivery (发货单) against a bulk order: the partner's invoice, posted as a receivable. */
export const bulkDeliveries = pgTable(
  "bulk_deliveries",
  {
    id: uuid("id").primaryKey(),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id),
    orderId: uuid("order_id").notNull(),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partnerCompanies.id),
    number: integer("number").notNull(),
    businessDate: date("business_date", { mode: "string" }).notNull(),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    amount: numeric("amount", { precision: 14, scale: 2 }).notNull(),
    commission: numeric("commission", { precision: 14, scale: 2 }).notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    journalId: uuid("journal_id").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("bulk_deliveries_id_station_key").on(t.id, t.stationId),
    unique("bulk_deliveries_number_key").on(t.stationId, t.number),
    unique("bulk_deliveries_idempotency_key").on(t.stationId, t.idempotencyKey),
    foreignKey({ name: "bulk_deliveries_order_fk", columns: [t.orderId, t.stationId], foreignColumns: [bulkOrders.id, bulkOrders.stationId] }),
    foreignKey({ name: "bulk_deliveries_journal_fk", columns: [t.journalId, t.stationId], foreignColumns: [ledgerJournals.id, ledgerJournals.stationId] }),
    index("bulk_deliveries_partner_idx").on(t.partnerId, t.businessDate),
    index("bulk_deliveries_order_idx").on(t.orderId),
    check("bulk_deliveries_amounts", sql`${t.amount} > 0 and ${t.commission} >= 0 and ${t.commission} <= ${t.amount}`),
    check("bulk_deliveries_due_after", sql`${t.dueDate} >= ${t.businessDate}`),
    check("bulk_deliveries_idempotency_key_length", sql`char_length(${t.idempotencyKey}) between 8 and 100`),
  ],
);

/** One household's goods on a delivery, with its share and the station's commission. */
export const bulkDeliveryLines = pgTable(
  "bulk_delivery_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    deliveryId: uuid("delivery_id").notNull(),
    stationId: uuid("station_id").notNull(),
    orderLineId: uuid("order_line_id").notNull(),
    productId: uuid("product_id").notNull(),
    householdId: uuid("household_id").notNull(),
    quantity: numeric("quantity", { precision: 14, scale: 3 }).notNull(),
    unitPrice: numeric("unit_price", { precision: 14, scale: 2 }).notNull(),
    amount: numeric("amount", { precision: 14, scale: 2 }).notNull(),
    commission: numeric("commission", { precision: 14, scale: 2 }).notNull(),
    householdShare: numeric("household_share", { precision: 14, scale: 2 }).notNull(),
  },
  (t) => [
    unique("bulk_delivery_lines_product_key").on(t.deliveryId, t.orderLineId, t.productId),
    foreignKey({ name: "bulk_delivery_lines_delivery_fk", columns: [t.deliveryId, t.stationId], foreignColumns: [bulkDeliveries.id, bulkDeliveries.stationId] }),
    foreignKey({ name: "bulk_delivery_lines_order_line_fk", columns: [t.orderLineId, t.stationId], foreignColumns: [bulkOrderLines.id, bulkOrderLines.stationId] }),
    foreignKey({ name: "bulk_delivery_lines_product_fk", columns: [t.productId, t.stationId], foreignColumns: [products.id, products.stationId] }),
    foreignKey({ name: "bulk_delivery_lines_household_fk", columns: [t.householdId, t.stationId], foreignColumns: [households.id, households.stationId] }),
    index("bulk_delivery_lines_household_idx").on(t.householdId),
    check("bulk_delivery_lines_quantity_positive", sql`${t.quantity} > 0`),
    check("bulk_delivery_lines_split", sql`${t.amount} >= 0 and ${t.commission} >= 0 and ${t.householdShare} >= 0 and ${t.commission} + ${t.householdShare} = ${t.amount}`),
  ],
);

/** Money a partner paid the station against a bulk order's deliveries: Dr bank / Cr 11201. */
export const partnerPayments = pgTable(
  "partner_payments",
  {
    id: uuid("id").primaryKey(),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partnerCompanies.id),
    orderId: uuid("order_id").notNull(),
    number: integer("number").notNull(),
    businessDate: date("business_date", { mode: "string" }).notNull(),
    amount: numeric("amount", { precision: 14, scale: 2 }).notNull(),
    method: text("method", { enum: PARTNER_MONEY_METHODS }).notNull(),
    reference: text("reference").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    journalId: uuid("journal_id").notNull(),
    recordedBy: uuid("recorded_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("partner_payments_number_key").on(t.stationId, t.number),
    unique("partner_payments_idempotency_key").on(t.stationId, t.idempotencyKey),
    foreignKey({ name: "partner_payments_order_fk", columns: [t.orderId, t.stationId], foreignColumns: [bulkOrders.id, bulkOrders.stationId] }),
    foreignKey({ name: "partner_payments_journal_fk", columns: [t.journalId, t.stationId], foreignColumns: [ledgerJournals.id, ledgerJournals.stationId] }),
    index("partner_payments_partner_idx").on(t.partnerId, t.businessDate),
    check("partner_payments_amount_positive", sql`${t.amount} > 0`),
    check("partner_payments_method_valid", sql`${t.method} in (${inList(PARTNER_MONEY_METHODS)})`),
    check("partner_payments_reference_given", sql`char_length(btrim(${t.reference})) between 1 and 64`),
  ],
);

/** Money the station sent a partner for its consigned goods sold: Dr 21102 / Cr bank. */
export const partnerRemittances = pgTable(
  "partner_remittances",
  {
    id: uuid("id").primaryKey(),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partnerCompanies.id),
    number: integer("number").notNull(),
    businessDate: date("business_date", { mode: "string" }).notNull(),
    amount: numeric("amount", { precision: 14, scale: 2 }).notNull(),
    method: text("method", { enum: PARTNER_MONEY_METHODS }).notNull(),
    reference: text("reference").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    journalId: uuid("journal_id").notNull(),
    paidBy: uuid("paid_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("partner_remittances_number_key").on(t.stationId, t.number),
    unique("partner_remittances_idempotency_key").on(t.stationId, t.idempotencyKey),
    foreignKey({ name: "partner_remittances_journal_fk", columns: [t.journalId, t.stationId], foreignColumns: [ledgerJournals.id, ledgerJournals.stationId] }),
    index("partner_remittances_partner_idx").on(t.partnerId, t.businessDate),
    check("partner_remittances_amount_positive", sql`${t.amount} > 0`),
    check("partner_remittances_method_valid", sql`${t.method} in (${inList(PARTNER_MONEY_METHODS)})`),
    check("partner_remittances_reference_given", sql`char_length(btrim(${t.reference})) between 1 and 64`),
  ],
);
