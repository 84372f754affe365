import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { reportExports } from "../../../db/schema/reports";
import { buildLedgerExport, type LedgerExportFormat } from "./export.server";

/**
 * Long exports as jobs: the request inserts a row and returns at once; the job runs in this
 * process, writes its progress to the row after each batch, and stores the file in the row
 * when done. The export page polls (meta refresh, no JavaScript) and offers the download.
 */

export type ReportExport = typeof reportExports.$inferSelect;
export type ReportExportSummary = Omit<ReportExport, "content">;

const summaryColumns = {
  id: reportExports.id,
  stationId: reportExports.stationId,
  kind: reportExports.kind,
  fromDate: reportExports.fromDate,
  toDate: reportExports.toDate,
  status: reportExports.status,
  progress: reportExports.progress,
  rowsDone: reportExports.rowsDone,
  rowsTotal: reportExports.rowsTotal,
  error: reportExports.error,
  requestedBy: reportExports.requestedBy,
  idempotencyKey: reportExports.idempotencyKey,
  createdAt: reportExports.createdAt,
  finishedAt: reportExports.finishedAt,
};

/**
 * Queues an export and starts its job. A repeated request key returns the export it already
 * started (no second job). `job` settles when the file is written (routes do not wait for it).
 */
export async function startExport(
  db: Db,
  input: { stationId: string; stationName: string; kind: LedgerExportFormat; from: string; to: string; requestedBy: string; idempotencyKey: string },
): Promise<{ export: ReportExportSummary; started: boolean; job: Promise<void> }> {
  const id = randomUUID();
  const inserted = await db
    .insert(reportExports)
    .values({ id, stationId: input.stationId, kind: input.kind, fromDate: input.from, toDate: input.to, requestedBy: input.requestedBy, idempotencyKey: input.idempotencyKey })
    .onConflictDoNothing({ target: [reportExports.stationId, reportExports.idempotencyKey] })
    .returning(summaryColumns);
  if (inserted[0]) return { export: inserted[0], started: true, job: runExport(db, { id, stationName: input.stationName }) };
  const [known] = await db
    .select(summaryColumns)
    .from(reportExports)
    .where(and(eq(reportExports.stationId, input.stationId), eq(reportExports.idempotencyKey, input.idempotencyKey)));
  return { export: known!, started: false, job: Promise.resolve() };
}

/** Runs one queued export to the end; a failure is recorded on the row, never thrown. */
export async function runExport(db: Db, { id, stationName }: { id: string; stationName: string }): Promise<void> {
  const [row] = await db
    .update(reportExports)
    .set({ status: "running" })
    .where(and(eq(reportExports.id, id), eq(reportExports.status, "queued")))
    .returning(summaryColumns);
  if (!row) return;
  try {
    const content = await buildLedgerExport(db, {
      stationId: row.stationId,
      stationName,
      from: row.fromDate,
      to: row.toDate,
      format: row.kind,
      onProgress: async (done, total) => {
        await db
          .update(reportExports)
          .set({ rowsDone: done, rowsTotal: total, progress: total === 0 ? 100 : Math.min(99, Math.floor((done * 100) / total)) })
          .where(eq(reportExports.id, id));
      },
    });
    await db.update(reportExports).set({ status: "done", progress: 100, content, finishedAt: new Date() }).where(eq(reportExports.id, id));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db
      .update(reportExports)
      .set({ status: "failed", error: message.slice(0, 500), finishedAt: new Date() })
      .where(eq(reportExports.id, id))
      .catch(() => undefined);
  }
}

export async function getExport(db: Db, { stationId, id }: { stationId: string; id: string }): Promise<ReportExportSummary | null> {
  const [row] = await db.select(summaryColumns).from(reportExports).where(and(eq(reportExports.stationId, stationId), eq(reportExports.id, id)));
  return row ?? null;
}

/** The finished file, or null while it is not ready (or not this station's). */
export async function exportContent(db: Db, { stationId, id }: { stationId: string; id: string }): Promise<{ kind: LedgerExportFormat; from: string; to: string; content: string } | null> {
  const [row] = await db
    .select({ kind: reportExports.kind, from: reportExports.fromDate, to: reportExports.toDate, content: reportExports.content, status: reportExports.status })
    .from(reportExports)
    .where(and(eq(reportExports.stationId, stationId), eq(reportExports.id, id)));
  return row && row.status === "done" && row.content !== null ? { kind: row.kind, from: row.from, to: row.to, content: row.content } : null;
}

export async function listExports(db: Db, { stationId, limit = 20 }: { stationId: string; limit?: number }): Promise<ReportExportSummary[]> {
  return db.select(summaryColumns).from(reportExports).where(eq(reportExports.stationId, stationId)).orderBy(desc(reportExports.createdAt)).limit(limit);
}
