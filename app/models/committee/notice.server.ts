import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import { D } from "~/domain/money";
import { canonicalJson, sealOf } from "~/domain/period-close";
import type { Db } from "../../../db/client.server";
import { periodCloses, periodSignatures } from "../../../db/schema/committee";
import { users } from "../../../db/schema/identity";
import { ledgerJournals } from "../../../db/schema/ledger";
import { getStationSummary, type StationSummary } from "~/models/stations/geography.server";
import { type StationVerification, verifyStation } from "~/models/ledger/verify.server";
import { type CloseSignature, type CloseView, getClose } from "./close.server";
import { type CloseFigures, closeFigures } from "./figures.server";

/**
 * The public notice (村务公开) of a sealed month and its verification: the figures and seal as
 * sealed, and whether the books still say the same — the station's hash chain recomputed, the
 * journal the seal names still the head it sealed, the figures recomputed from the postings.
 */

export interface Notice {
  summary: StationSummary;
  close: CloseView;
}

/** The sealed close of a station's month, or null (no such station, month or seal). */
export async function getNotice(db: Db, { stationCode, period }: { stationCode: string; period: string }): Promise<Notice | null> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return null;
  const summary = await getStationSummary(db, { code: stationCode });
  if (!summary) return null;
  const close = await getClose(db, { stationId: summary.station.id, period });
  if (!close || close.status !== "sealed") return null;
  return { summary, close };
}

/** One seal a month has had: who signed it and when, and — if it was reopened — when, by whom and why. */
export interface SealRecord {
  revision: number;
  seal: string;
  sealedAt: Date;
  figures: CloseFigures;
  signatures: CloseSignature[];
  reopened: { at: Date; by: string; reason: string } | null;
}

export interface SealHistory {
  summary: StationSummary;
  /** Every seal of the month, oldest first (prepared closes that were never sealed are left out). */
  seals: SealRecord[];
  /** The sealed close standing now; null while the month is reopened. */
  current: CloseView | null;
}

/**
 * Every seal a station's month has had, in order, and the close standing now: what the
 * verification page answers a villager holding any notice ever printed for that month.
 * Null when there is no such station or the month was never sealed.
 */
export async function getSealHistory(db: Db, { stationCode, period }: { stationCode: string; period: string }): Promise<SealHistory | null> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return null;
  const summary = await getStationSummary(db, { code: stationCode });
  if (!summary) return null;
  const stationId = summary.station.id;
  const closes = await db
    .select({ close: periodCloses, reopenedByName: users.displayName })
    .from(periodCloses)
    .leftJoin(users, eq(users.id, periodCloses.reopenedBy))
    .where(and(eq(periodCloses.stationId, stationId), eq(periodCloses.period, `${period}-01`), isNotNull(periodCloses.seal)))
    .orderBy(asc(periodCloses.revision));
  if (closes.length === 0) return null;
  const signatures = await db
    .select({ closeId: periodSignatures.closeId, role: periodSignatures.role, userId: periodSignatures.userId, signerName: periodSignatures.signerName, signedAt: periodSignatures.signedAt })
    .from(periodSignatures)
    .where(inArray(periodSignatures.closeId, closes.map((c) => c.close.id)))
    .orderBy(asc(periodSignatures.signedAt), asc(periodSignatures.role));
  const seals = closes.map(({ close, reopenedByName }): SealRecord => ({
    revision: close.revision,
    seal: close.seal!,
    sealedAt: close.sealedAt!,
    figures: close.figures as CloseFigures,
    signatures: signatures.filter((s) => s.closeId === close.id).map(({ closeId: _, ...s }) => s),
    reopened: close.status === "reopened" ? { at: close.reopenedAt!, by: reopenedByName ?? "", reason: close.reopenReason ?? "" } : null,
  }));
  const live = closes.find((c) => c.close.status === "sealed");
  const current = live ? { ...live.close, figures: live.close.figures as CloseFigures, signatures: seals.find((s) => s.revision === live.close.revision)!.signatures } : null;
  return { summary, seals, current };
}

export interface NoticeVerification {
  /** Everything holds: the books behind the notice are as they were sealed. */
  ok: boolean;
  chain: StationVerification;
  /** The seal recomputes from the stored head and figures. */
  sealHolds: boolean;
  /** The journal at the sealed head still carries the sealed hash. */
  headHolds: boolean;
  /** The month's figures recomputed from today's postings equal the sealed ones. */
  figuresHold: boolean;
}

export async function verifyNotice(db: Db, { close, stationCode }: { close: CloseView; stationCode: string }): Promise<NoticeVerification> {
  const chain = await verifyStation(db, { stationId: close.stationId, code: stationCode });
  const sealHolds = close.seal !== null && close.closingHash !== null && sealOf(close.closingHash, close.figures as never) === close.seal;
  let headHolds = close.closingNumber === 0;
  if (close.closingNumber && close.closingNumber > 0) {
    const [journal] = await db
      .select({ hash: ledgerJournals.hash })
      .from(ledgerJournals)
      .where(and(eq(ledgerJournals.stationId, close.stationId), eq(ledgerJournals.number, close.closingNumber)));
    headHolds = journal?.hash === close.closingHash;
  }
  const [stillSealed] = await db.select({ status: periodCloses.status }).from(periodCloses).where(eq(periodCloses.id, close.id));
  const recomputed = await closeFigures(db, { stationId: close.stationId, stationCode, month: close.period.slice(0, 7), rate: new D(close.rate) });
  // The money, not the masked names: a household's name corrected later is not a change to the books.
  const money = (f: typeof close.figures) => canonicalJson({ ...f, households: [] } as never);
  const figuresHold = money(recomputed.figures) === money(close.figures);
  return { ok: chain.ok && sealHolds && headHolds && figuresHold && stillSealed?.status === "sealed", chain, sealHolds, headHolds, figuresHold };
}
