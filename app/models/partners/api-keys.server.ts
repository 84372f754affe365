import { createHash, randomInt } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { apiKeyPrefix, PartnerApiError } from "~/domain/partner-api";
import type { Db } from "../../../db/client.server";
import { partnerApiKeys, partnerApiRateWindows, partnerCompanies } from "../../../db/schema/index";
import { recordAudit } from "~/models/audit/audit.server";

/**
 * API keys of partner companies (ADR 013): issued and revoked by a county admin, shown once,
 * kept as SHA-256 only. Every query is scoped by the admin's counties through the partner.
 */

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const randomChars = (n: number) => Array.from({ length: n }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const NO_COUNTY = "00000000-0000-0000-0000-000000000000";
const inCounties = (countyIds: readonly string[]) => inArray(partnerCompanies.countyId, countyIds.length ? [...countyIds] : [NO_COUNTY]);

/** The partner companies of the admin's counties, for the key screen and the role picker. */
export async function listPartnerChoices(db: Db, { countyIds }: { countyIds: readonly string[] }) {
  return db
    .select({ id: partnerCompanies.id, nameZh: partnerCompanies.nameZh, nameEn: partnerCompanies.nameEn, status: partnerCompanies.status })
    .from(partnerCompanies)
    .where(inCounties(countyIds))
    .orderBy(asc(partnerCompanies.nameZh));
}

/**
 * A new key for a partner of one of the admin's counties. Returns the key itself: the only
 * time it exists outside the partner's hands.
 * @throws PartnerApiError PARTNER_NOT_FOUND outside those counties
 */
export async function createApiKey(
  db: Db,
  input: { partnerId: string; label: string; ratePerMinute?: number; actorUserId: string | null; countyIds: readonly string[] | "any" },
): Promise<{ id: string; key: string; prefix: string }> {
  return db.transaction(async (tx) => {
    const [partner] = await tx
      .select({ id: partnerCompanies.id })
      .from(partnerCompanies)
      .where(and(eq(partnerCompanies.id, input.partnerId), input.countyIds === "any" ? undefined : inCounties(input.countyIds)));
    if (!partner) throw new PartnerApiError("PARTNER_NOT_FOUND");
    const key = `czk_${randomChars(8)}_${randomChars(32)}`;
    const prefix = apiKeyPrefix(key)!;
    const [row] = await tx
      .insert(partnerApiKeys)
      .values({
        partnerId: partner.id,
        label: input.label,
        prefix,
        secretHash: sha256(key),
        ratePerMinute: input.ratePerMinute ?? 120,
        createdBy: input.actorUserId,
      })
      .returning({ id: partnerApiKeys.id });
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: "partner_api_key.create",
      recordType: "partner",
      recordId: partner.id,
      after: { keyId: row!.id, prefix, label: input.label },
    });
    return { id: row!.id, key, prefix };
  });
}

/** Revokes a key at once (a conditional update: revoking twice changes nothing). @throws PartnerApiError KEY_NOT_FOUND outside the admin's counties */
export async function revokeApiKey(db: Db, { keyId, actorUserId, countyIds }: { keyId: string; actorUserId: string; countyIds: readonly string[] }) {
  await db.transaction(async (tx) => {
    const [key] = await tx
      .select({ id: partnerApiKeys.id, partnerId: partnerApiKeys.partnerId, prefix: partnerApiKeys.prefix })
      .from(partnerApiKeys)
      .innerJoin(partnerCompanies, eq(partnerCompanies.id, partnerApiKeys.partnerId))
      .where(and(eq(partnerApiKeys.id, keyId), inCounties(countyIds)));
    if (!key) throw new PartnerApiError("KEY_NOT_FOUND");
    const revoked = await tx
      .update(partnerApiKeys)
      .set({ revokedAt: sql`now()`, revokedBy: actorUserId })
      .where(and(eq(partnerApiKeys.id, key.id), isNull(partnerApiKeys.revokedAt)))
      .returning({ id: partnerApiKeys.id });
    if (revoked.length === 0) return;
    await recordAudit(tx, { actorUserId, action: "partner_api_key.revoke", recordType: "partner", recordId: key.partnerId, before: { keyId: key.id, prefix: key.prefix } });
  });
}

/** Every key of the admin's counties, newest first, with its partner's name; never a secret. */
export async function listApiKeys(db: Db, { countyIds }: { countyIds: readonly string[] }) {
  return db
    .select({
      id: partnerApiKeys.id,
      partnerId: partnerApiKeys.partnerId,
      partnerNameZh: partnerCompanies.nameZh,
      partnerNameEn: partnerCompanies.nameEn,
      label: partnerApiKeys.label,
      prefix: partnerApiKeys.prefix,
      ratePerMinute: partnerApiKeys.ratePerMinute,
      createdAt: partnerApiKeys.createdAt,
      lastUsedAt: partnerApiKeys.lastUsedAt,
      revokedAt: partnerApiKeys.revokedAt,
    })
    .from(partnerApiKeys)
    .innerJoin(partnerCompanies, eq(partnerCompanies.id, partnerApiKeys.partnerId))
    .where(inCounties(countyIds))
    .orderBy(desc(partnerApiKeys.createdAt), asc(partnerApiKeys.id));
}

export interface ApiCaller {
  keyId: string;
  partnerId: string;
  ratePerMinute: number;
}

/** The live key a bearer token stands for, or null (malformed, unknown or revoked: all the same). */
export async function authenticateApiKey(db: Db, { key, now = new Date() }: { key: string; now?: Date }): Promise<ApiCaller | null> {
  if (!apiKeyPrefix(key)) return null;
  const [row] = await db
    .select({ keyId: partnerApiKeys.id, partnerId: partnerApiKeys.partnerId, ratePerMinute: partnerApiKeys.ratePerMinute })
    .from(partnerApiKeys)
    .where(and(eq(partnerApiKeys.secretHash, sha256(key)), isNull(partnerApiKeys.revokedAt)));
  if (!row) return null;
  // "Last used" for the admin's list, written at most once a minute per key.
  await db
    .update(partnerApiKeys)
    .set({ lastUsedAt: sql`${now.toISOString()}::timestamptz` })
    .where(
      and(
        eq(partnerApiKeys.id, row.keyId),
        sql`(${partnerApiKeys.lastUsedAt} is null or ${partnerApiKeys.lastUsedAt} < ${now.toISOString()}::timestamptz - interval '1 minute')`,
      ),
    );
  return row;
}

export const RATE_WINDOW_MS = 60_000;

/**
 * Counts one request against the key's fixed one-minute window, in one conditional upsert, so
 * parallel requests on several app instances are all counted. Past the limit: when to retry.
 */
export async function countApiRequest(
  db: Db,
  { keyId, limit, now = new Date() }: { keyId: string; limit: number; now?: Date },
): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const stale = sql`${partnerApiRateWindows.windowStartedAt} <= ${nowSql} - interval '1 minute'`;
  const [row] = await db
    .insert(partnerApiRateWindows)
    .values({ apiKeyId: keyId, windowStartedAt: now, requests: 1 })
    .onConflictDoUpdate({
      target: partnerApiRateWindows.apiKeyId,
      set: {
        requests: sql`case when ${stale} then 1 else ${partnerApiRateWindows.requests} + 1 end`,
        windowStartedAt: sql`case when ${stale} then ${nowSql} else ${partnerApiRateWindows.windowStartedAt} end`,
      },
    })
    .returning({ requests: partnerApiRateWindows.requests, windowStartedAt: partnerApiRateWindows.windowStartedAt });
  if (!row || row.requests <= limit) return { allowed: true };
  const retryAt = row.windowStartedAt.getTime() + RATE_WINDOW_MS;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000)) };
}
