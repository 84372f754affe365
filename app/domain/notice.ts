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

/** The public verification page of one closed month. */
export function verifyPath(stationCode: string, month: string): string {
  return `/verify/${encodeURIComponent(stationCode)}/${month}`;
}
