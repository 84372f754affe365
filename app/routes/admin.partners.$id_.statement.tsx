import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PartnerStatementView } from "~/components/partner-statement";
import { chinaToday } from "~/domain/dates";
import { partnerStatement } from "~/models/partner-statements.server";
import { getPartner } from "~/models/partners.server";
import { countyAdminAccess } from "~/utils/access";
import { requireCountyAdmin } from "~/utils/auth.server";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { statementPeriod } from "~/utils/partner-forms";
import { statementView } from "~/utils/partners.server";

export const handle = { access: countyAdminAccess("admin:stations"), hydrate: false };


/** A partner's 对账单 across all the county's stations; `…/statement.csv` downloads it. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { countyIds } = await requireCountyAdmin(request, context, "admin:stations");
  const { lang, t } = getTranslate(request);
  const id = params.id ?? "";
  const partner = /^[0-9a-f-]{36}$/.test(id) ? await getPartner(context.db, { partnerId: id }) : null;
  if (!partner || !countyIds.includes(partner.countyId)) throw new Response("Not found", { status: 404 });
  const today = chinaToday();
  const { from, to } = statementPeriod(request.url, today, `${today.slice(0, 4)}-01-01`);
  const statement = await partnerStatement(context.db, { partnerId: id, from, to });
  return { partnerId: id, view: statementView(statement, t, lang), meta: { title: `${t("partners.statement.title")} · ${partner.nameZh} · ${t("app.name")}` } };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: data.meta.title }] : []);

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
