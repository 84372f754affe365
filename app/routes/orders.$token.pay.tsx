import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getCheckoutByToken } from "~/models/orders/orders.server";
import { confirmReturn, startOnlinePayment } from "~/models/payments/payments.server";
import { paymentRefusal } from "~/routes-support/orders/payments.server";
import { publicAccess } from "~/utils/access";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { logger } from "~/utils/logger.server";
import { found, param, parseParams } from "~/utils/params";
import { siteOrigin } from "~/utils/seo.server";

/**
 * Paying a checkout online (ADR 011). POST starts the payment, or resumes the open one, and sends
 * the buyer to the gateway's hosted page (303). The gateway sends them back here with
 * `?session_id=`: the payment is confirmed from the gateway at once and the order page shown;
 * while the gateway still says "processing" this page refreshes itself (no JavaScript needed).
 */
export const handle = { access: publicAccess, hydrate: false };

const SessionId = z.string().regex(/^cs_[A-Za-z0-9_]{1,250}$/);

async function findCheckout(params: LoaderFunctionArgs["params"], context: LoaderFunctionArgs["context"]) {
  const { token } = parseParams(params, { token: param.token });
  return { token, checkout: found(await getCheckoutByToken(context.db, { token })).checkout };
}

const noStore = { "Cache-Control": "no-store", "Referrer-Policy": "same-origin" };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { lang, t } = getTranslate(request);
  const { token, checkout } = await findCheckout(params, context);
  const orderPage = `/orders/${token}`;
  if (!context.payments) return redirect(`${orderPage}?payment=unavailable`, 303);
  try {
    const { url } = await startOnlinePayment(context.db, context.payments, { checkoutId: checkout.id, baseUrl: siteOrigin(request, context) });
    return redirect(url, { status: 303, headers: noStore });
  } catch (error) {
    const refusal = paymentRefusal(error, { t, lang });
    switch (refusal.kind) {
      case "conflict":
        // Paid meanwhile, cancelled or expired.
        return data({ message: refusal.message, orderPage }, { status: refusal.status, headers: noStore });
      case "unavailable":
        logger.warn({ err: error, checkoutId: checkout.id }, "could not start the online payment");
        return redirect(`${orderPage}?payment=unavailable`, 303);
      default:
        throw error;
    }
  }
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { lang, t } = getTranslate(request);
  const { token, checkout } = await findCheckout(params, context);
  const orderPage = `/orders/${token}`;
  const sessionId = SessionId.safeParse(new URL(request.url).searchParams.get("session_id"));
  if (!sessionId.success || !context.payments) return redirect(orderPage, 303);
  try {
    const state = await confirmReturn(context.db, context.payments, { checkoutId: checkout.id, sessionId: sessionId.data });
    if (state !== "pending") return redirect(orderPage, { status: 303, headers: noStore });
  } catch (error) {
    const refusal = paymentRefusal(error, { t, lang });
    // A session that is not this checkout's.
    if (refusal.kind === "not_found") throw new Response("Not found", { status: 404 });
    if (refusal.kind !== "unavailable") throw error;
    logger.warn({ err: error, checkoutId: checkout.id }, "could not confirm the payment yet; the page will try again");
  }
  return data({ orderPage, title: `${t("payments.confirming.title")} · ${t("app.name")}` }, { headers: noStore });
}

export const meta: MetaFunction<typeof loader> = ({ data: d }) =>
  d ? [{ title: d.title }, { name: "robots", content: "noindex" }, { httpEquiv: "refresh", content: "3" }] : [];

export default function PayOrder() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  if (actionData) {
    return (
      <div className="card space-y-3" data-testid="payment-refused">
        <p role="alert">{actionData.message}</p>
        <a className="btn-primary inline-block" href={actionData.orderPage}>
          {t("payments.viewOrder")}
        </a>
      </div>
    );
  }
  return (
    <div className="card space-y-3" data-testid="payment-confirming">
      <h1 className="text-lg font-semibold">{t("payments.confirming.title")}</h1>
      <p>{t("payments.confirming.body")}</p>
      <a className="btn-quiet inline-block" href={loaderData.orderPage}>
        {t("payments.viewOrder")}
      </a>
    </div>
  );
}
