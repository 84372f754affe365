import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { stations } from "./stations";

export const REPORT_EXPORT_KINDS = ["ledger_csv", "beancount"] as const;
export const REPORT_EXPORT_STATUSES = ["queued", "running", "done", "failed"] as const;

/**
 * A long export (a station's ledger over a range, as CSV or a Beancount journal) built by an
 * in-process job that writes its progress here; the page polls it and offers the file when
 * done. The file is kept in the row, so any app instance can serve it.
 */
export const reportExports = pgTable(
  "report_exports",
  {
    id: uuid("id").primaryKey(),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id),
    kind: text("kind", { enum: REPORT_EXPORT_KINDS }).notNull(),
    fromDate: date("from_date", { mode: "string" }).notNull(),
    toDate: date("to_date", { mode: "string" }).notNull(),
    status: text("status", { enum: REPORT_EXPORT_STATUSES }).notNull().default("queued"),
    progress: integer("progress").notNull().default(0),
    rowsDone: integer("rows_done").notNull().default(0),
    rowsTotal: integer("rows_total"),
    content: text("content"),
    error: text("error"),
    requestedBy: uuid("requested_by")
      .notNull()
      .references(() => users.id),
    /** Issued with the form: a double submit finds the export it already started. */
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    unique("report_exports_station_key_key").on(t.stationId, t.idempotencyKey),
    index("report_exports_station_idx").on(t.stationId, t.createdAt),
    check("report_exports_kind_valid", sql`${t.kind} in ('ledger_csv', 'beancount')`),
    check("report_exports_status_valid", sql`${t.status} in ('queued', 'running', 'done', 'failed')`),
    check("report_exports_range", sql`${t.fromDate} <= ${t.toDate}`),
    check("report_exports_progress_range", sql`${t.progress} between 0 and 100 and ${t.rowsDone} >= 0`),
    check("report_exports_key_length", sql`char_length(${t.idempotencyKey}) between 1 and 100`),
    check("report_exports_done_shape", sql`(${t.status} = 'done') = (${t.content} is not null)`),
  ],
);
