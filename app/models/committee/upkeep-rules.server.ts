import { eq } from "drizzle-orm";
import { D, type Dec, toAmountString } from "~/domain/money";
import { DEFAULT_UPKEEP_RATE, type KeeperPayFormula } from "~/domain/upkeep";
import type { Db } from "../../../db/client.server";
import { keeperPayFormulas, upkeepRules } from "../../../db/schema/committee";
import { recordAudit } from "~/models/audit/audit.server";

/**
 * The upkeep fund's rules: each station's share of commission set aside at close, and the
 * county's formula for the station keeper's pay. Every change is in the audit log with the
 * value before and after.
 */

/** The station's rate (0–1), the county's usual share when the station has set none. */
export async function upkeepRate(db: Db, { stationId }: { stationId: string }): Promise<Dec> {
  const [row] = await db.select({ rate: upkeepRules.rate }).from(upkeepRules).where(eq(upkeepRules.stationId, stationId));
  return new D(row?.rate ?? DEFAULT_UPKEEP_RATE);
}

export async function getUpkeepRule(db: Db, { stationId }: { stationId: string }) {
  const [row] = await db.select().from(upkeepRules).where(eq(upkeepRules.stationId, stationId));
  return row ?? null;
}

/** Sets the station's rate; takes effect at the next close (closes keep the rate they used). */
export async function setUpkeepRate(db: Db, { stationId, rate, userId }: { stationId: string; rate: Dec; userId: string }): Promise<void> {
  if (rate.isNeg() || rate.gt(1) || rate.decimalPlaces() > 4) throw new RangeError("an upkeep rate lies between 0 and 1, to four places");
  await db.transaction(async (tx) => {
    const before = await getUpkeepRule(tx, { stationId });
    await tx
      .insert(upkeepRules)
      .values({ stationId, rate: rate.toFixed(4), setBy: userId, setAt: new Date() })
      .onConflictDoUpdate({ target: upkeepRules.stationId, set: { rate: rate.toFixed(4), setBy: userId, setAt: new Date() } });
    await recordAudit(tx, {
      actorUserId: userId,
      action: "upkeep.rule_set",
      recordType: "upkeep_rule",
      recordId: stationId,
      stationId,
      before: before ? { rate: before.rate } : null,
      after: { rate: rate.toFixed(4) },
    });
  });
}

export interface StoredPayFormula extends KeeperPayFormula {
  setAt: Date;
}

/** The county's keeper-pay formula, or null while the county admin has set none. */
export async function getPayFormula(db: Db, { countyId }: { countyId: string }): Promise<StoredPayFormula | null> {
  const [row] = await db.select().from(keeperPayFormulas).where(eq(keeperPayFormulas.countyId, countyId));
  if (!row) return null;
  return { base: new D(row.base), perHousehold: new D(row.perHousehold), commissionShare: new D(row.commissionShare), cap: new D(row.cap), setAt: row.setAt };
}

export async function setPayFormula(db: Db, { countyId, formula, userId }: { countyId: string; formula: KeeperPayFormula; userId: string }): Promise<void> {
  const values = {
    base: toAmountString(formula.base),
    perHousehold: toAmountString(formula.perHousehold),
    commissionShare: formula.commissionShare.toFixed(4),
    cap: toAmountString(formula.cap),
  };
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(keeperPayFormulas).where(eq(keeperPayFormulas.countyId, countyId));
    await tx
      .insert(keeperPayFormulas)
      .values({ countyId, ...values, setBy: userId, setAt: new Date() })
      .onConflictDoUpdate({ target: keeperPayFormulas.countyId, set: { ...values, setBy: userId, setAt: new Date() } });
    await recordAudit(tx, {
      actorUserId: userId,
      action: "upkeep.pay_formula_set",
      recordType: "keeper_pay_formula",
      recordId: countyId,
      before: before ? { base: before.base, perHousehold: before.perHousehold, commissionShare: before.commissionShare, cap: before.cap } : null,
      after: values,
    });
  });
}
