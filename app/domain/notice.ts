/**
 * The public notice (村务公开): households are named with their middle masked — 王小华 →
 * 王*华, 李华 → 李*, 欧阳小华 → 欧**华 — enough for a neighbour to recognise, not enough to
 * copy a full name off the notice board.
 */
export function maskName(name: string): string {
  const chars = [...name.trim().replace(/\s+/g, " ")];
  if (chars.length === 0) return "";
  if (chars.length === 1) return "*";
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${"*".repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** The public verification page of one closed month; with a seal, the page knows which printed notice is held. */
export function verifyPath(stationCode: string, month: string, seal?: string | null): string {
  const path = `/verify/${encodeURIComponent(stationCode)}/${month}`;
  return seal ? `${path}?seal=${encodeURIComponent(seal)}` : path;
}

/**
 * The seal a notice's QR code carries, as read from a link or typed off the paper: spaces and
 * case do not matter; anything else than 64 hex digits is kept as typed so it matches no seal.
 */
export function normalizeSeal(input: string): string {
  const compact = input.replace(/\s+/g, "").toLowerCase();
  return /^[0-9a-f]{64}$/.test(compact) ? compact : input.trim();
}

interface SealedNotice {
  seal: string;
  reopened: { at: Date; by: string; reason: string } | null;
}

/**
 * Which of a month's notices the villager holds, given every seal the month has had (oldest
 * first) and the seal printed on theirs. Invariants: "current" only for the seal of the close
 * standing now (the last one, not reopened); "superseded" names the reopening of the held
 * close and the seal that replaced it (null while the month is still reopened); a seal the
 * month never had is "unknown". A month re-closed with nothing changed seals the same again,
 * so the latest close with that seal is the one meant.
 */
export function heldNotice<S extends SealedNotice>(
  seals: readonly S[],
  held: string,
): { kind: "current"; index: number } | { kind: "superseded"; index: number; reopened: NonNullable<S["reopened"]>; next: S | null } | { kind: "unknown" } {
  let index = -1;
  for (let i = seals.length - 1; i >= 0; i--) {
    if (seals[i]!.seal === held) {
      index = i;
      break;
    }
  }
  if (index < 0) return { kind: "unknown" };
  const record = seals[index]!;
  if (!record.reopened) return { kind: "current", index };
  return { kind: "superseded", index, reopened: record.reopened as NonNullable<S["reopened"]>, next: seals[index + 1] ?? null };
}
