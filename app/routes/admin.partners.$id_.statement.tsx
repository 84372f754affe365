import { pick } from "~/domain/language";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PartnerStatementView } from "~/components/partner-statement";
import { countyAdminAccess } from "~/utils/access";
import { useI18n } from "~/utils/i18n-react";
import { routeMeta } from "~/utils/meta";
import { loadCountyPartnerStatement } from "~/routes-support/partners/statement-loaders.server";
import { statementView } from "~/routes-support/partners/statements.server";

export const handle = { access: countyAdminAccess("admin:stations"), hydrate: false };

/** A partner's 对账单 across all the county's stations; `…/statement.csv` downloads it. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { partner, partnerId, statement, lang, t } = await loadCountyPartnerStatement(request, params, context);
  return { partnerId, view: statementView(statement, t, lang), meta: { title: `${t("partners.statement.title")} · ${pick(lang, partner.nameZh, partner.nameEn)} · ${t("app.name")}` } };
}

export const meta = routeMeta;

export default function AdminPartnerStatement() {
  const { partnerId, view } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="space-y-4">
      <a href={`/admin/partners/${partnerId}`} className="no-print text-sm">
        {view.partner}
      </a>
      <PartnerStatementView view={view} action={`/admin/partners/${partnerId}/statement`} scope={t("partners.statement.allStations")} />
    </div>
  );
}
