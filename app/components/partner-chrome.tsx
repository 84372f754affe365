import { useI18n } from "~/utils/i18n-react";

/**
 * The partner portal's frame: the company, the page, and every part of the portal one tap
 * away. Plain links: the pages work without JavaScript.
 */
export function PartnerHeader({ partnerName, title, back }: { partnerName: string; title: string; back?: { href: string; label: string } }) {
  const { t } = useI18n();
  const links = [
    { href: "/partner", label: t("partnerPortal.nav.home") },
    { href: "/partner/orders/new", label: t("partnerPortal.nav.newOrder") },
    { href: "/partner/deliveries", label: t("partnerPortal.nav.deliveries") },
    { href: "/partner/invoices", label: t("partnerPortal.nav.invoices") },
    { href: "/partner/stock", label: t("partnerPortal.nav.stock") },
    { href: "/partner/statements", label: t("partnerPortal.nav.statements") },
  ];
  return (
    <header className="no-print space-y-2">
      <p className="text-sm text-stone-500">
        <a href="/partner">{partnerName}</a>
        {back ? (
          <>
            {" › "}
            <a href={back.href}>{back.label}</a>
          </>
        ) : null}
      </p>
      <h1 className="text-2xl font-bold">{title}</h1>
      <nav aria-label={t("partnerPortal.title")}>
        <ul className="flex flex-wrap gap-2 text-sm">
          {links.map((l) => (
            <li key={l.href}>
              <a href={l.href} className="inline-block rounded-full border border-stone-300 bg-white px-3 py-1">
                {l.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
