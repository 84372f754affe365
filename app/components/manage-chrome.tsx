import type { ReactNode } from "react";
import { SectionHeader } from "~/components/page-chrome";
import { useI18n } from "~/utils/i18n-react";

/**
 * The operator screens' frame: where you are (station, page), and the station's goods work
 * one tap away. Plain links: no JavaScript needed on a village phone.
 */
export function ManageHeader({ stationCode, stationName, title, back }: { stationCode: string; stationName: string; title: string; back?: { href: string; label: string } }) {
  const { t } = useI18n();
  const base = `/stations/${stationCode}/manage`;
  const links = [
    { href: `${base}/till`, label: t("till.title") },
    { href: `${base}/orders`, label: t("orders.nav.manage") },
    { href: `${base}/products`, label: t("goods.nav.products") },
    { href: `${base}/receive`, label: t("goods.nav.receive") },
    { href: `${base}/stock-take`, label: t("goods.nav.stockTake") },
    { href: `${base}/households`, label: t("goods.nav.households") },
    { href: `${base}/partners`, label: t("partners.nav") },
  ];
  return <SectionHeader home={{ href: base, label: stationName }} back={back} title={title} navLabel={t("goods.nav.label")} links={links} />;
}

const TONES = { listed: "bg-brand-100 text-brand-800", draft: "bg-amber-100 text-amber-900", archived: "bg-stone-200 text-stone-700", inactive: "bg-stone-200 text-stone-700" } as const;

export function Badge({ tone, children }: { tone: keyof typeof TONES; children: ReactNode }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${TONES[tone]}`}>{children}</span>;
}

/** A label and a value on one line of a definition list. */
export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[7rem_1fr] gap-2 border-b border-stone-100 py-2 last:border-0">
      <dt className="text-stone-500">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
