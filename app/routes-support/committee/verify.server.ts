import { z } from "zod";
import { chinaDateTime } from "~/domain/catalog";
import { heldNotice, normalizeSeal } from "~/domain/notice";
import { formatSeal } from "~/domain/period-close";
import type { NoticeVerification, SealHistory } from "~/models/committee/notice.server";
import type { Translate } from "~/utils/i18n";

/**
 * The verification page's query and view: which printed notice the villager holds (the seal
 * its QR code carries, or one typed off the paper), what to tell them about it, and the
 * month's seals in order with each reopening.
 */

// A malformed seal is answered like any seal the month never had, never with an error page.
export const VerifyQuery = z.object({ seal: z.string().max(200).transform(normalizeSeal).optional().catch(undefined) });

const day = (at: Date) => chinaDateTime(at).slice(0, 10);

/** What the page says of the notice held; null when the link carries no seal. */
function heldView({ seals }: SealHistory, asked: string | undefined, t: Translate) {
  if (!asked) return null;
  const held = heldNotice(seals, asked);
  switch (held.kind) {
    case "current":
      return { kind: held.kind, index: held.index, seal: formatSeal(asked), message: t("committee.verify.held.current"), figures: null };
    case "unknown":
      return { kind: held.kind, index: null, seal: /^[0-9a-f]{64}$/.test(asked) ? formatSeal(asked) : null, message: t("committee.verify.held.unknown"), figures: null };
    case "superseded": {
      const reopening = { by: held.reopened.by, reopenedAt: chinaDateTime(held.reopened.at), reason: held.reopened.reason };
      return {
        kind: held.kind,
        index: held.index,
        seal: formatSeal(asked),
        message: held.next ? t("committee.verify.held.superseded", { date: day(held.next.sealedAt), ...reopening }) : t("committee.verify.held.void", reopening),
        figures: seals[held.index]!.figures,
      };
    }
  }
}

/** The answer about the books: against the current seal, and never "unchanged since the close" for a month closed more than once. */
function verdictView({ seals, current }: SealHistory, result: NoticeVerification | null, t: Translate) {
  const reopenings = seals.filter((s) => s.reopened).length;
  if (!current || !result) {
    const last = seals.at(-1)?.reopened;
    return { tone: "reopened" as const, message: t("committee.verify.reopenedNow", { date: last ? day(last.at) : "" }) };
  }
  if (!result.ok) return { tone: "changed" as const, message: t("committee.verify.changed") };
  if (reopenings > 0) return { tone: "ok" as const, message: t("committee.verify.okResealed", { date: day(current.sealedAt!), count: String(reopenings) }) };
  return { tone: "ok" as const, message: t("committee.verify.ok") };
}

export function verifyView(history: SealHistory, result: NoticeVerification | null, asked: string | undefined, t: Translate) {
  const { seals, current } = history;
  const held = heldView(history, asked, t);
  const signatures = (list: SealHistory["seals"][number]["signatures"]) => list.map((s) => ({ role: s.role, name: s.signerName, at: chinaDateTime(s.signedAt) }));
  return {
    asked: asked ?? "",
    held,
    verdict: verdictView(history, result, t),
    checks: result ? { chain: result.chain.ok, head: result.headHolds, seal: result.sealHolds, figures: result.figuresHold } : null,
    current: current ? { figures: current.figures, seal: formatSeal(current.seal ?? ""), signatures: signatures(current.signatures) } : null,
    history: seals.map((s, i) => ({
      n: i + 1,
      seal: formatSeal(s.seal),
      sealedAt: chinaDateTime(s.sealedAt),
      signatures: signatures(s.signatures),
      current: !s.reopened,
      yours: held?.index === i,
      reopened: s.reopened ? { at: chinaDateTime(s.reopened.at), by: s.reopened.by, reason: s.reopened.reason } : null,
    })),
  };
}
