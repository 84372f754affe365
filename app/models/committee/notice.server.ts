import { and, eq } from "drizzle-orm";
import { D } from "~/domain/money";
import { canonicalJson, sealOf } from "~/domain/period-close";
import type { Db } from "../../../db/client.server";
import { periodCloses } from "../../../db/schema/committee";
import { ledgerJournals } from "../../../db/schema/ledger";
import { getStationSummary, type StationSummary } from "~/models/stations/geography.server";
import { type StationVerification, verifyStation } from "~/models/ledger/verify.server";
import { type CloseView, getClose } from "./close.server";
import { closeFigures } from "./figures.server";

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
