import { SectionHeader } from "~/components/page-chrome";
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
  return <SectionHeader home={{ href: "/partner", label: partnerName }} back={back} title={title} navLabel={t("partnerPortal.title")} links={links} />;
}
