import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getCheckoutByToken } from "~/models/orders/orders.server";
import { confirmReturn, PaymentError, startOnlinePayment } from "~/models/payments/payments.server";
import { PaymentsRefusedError, PaymentsUnavailableError } from "~/services/payments.server";
import { publicAccess } from "~/utils/access";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { logger } from "~/utils/logger.server";
import { siteOrigin } from "~/utils/seo.server";

/**
 * Paying a checkout online (ADR 011). POST starts the payment, or resumes the open one, and sends
 * the buyer to the gateway's hosted page (303). The gateway sends them back here with
 * `?session_id=`: the payment is confirmed from the gateway at once and the order page shown;
 * while the gateway still says "processing" this page refreshes itself (no JavaScript needed).
 */
export const handle = { access: publicAccess, hydrate: false };

const Params = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/) });
const SessionId = z.string().regex(/^cs_[A-Za-z0-9_]{1,250}$/);

async function findCheckout(params: unknown, context: LoaderFunctionArgs["context"]) {
  const parsed = Params.safeParse(params);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  const found = await getCheckoutByToken(context.db, { token: parsed.data.token });
  if (!found) throw new Response("Not found", { status: 404 });
  return { token: parsed.data.token, checkout: found.checkout };
}

const noStore = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { t } = getTranslate(request);
  const { token, checkout } = await findCheckout(params, context);
  const orderPage = `/orders/${token}`;
  if (!context.payments) return redirect(`${orderPage}?payment=unavailable`, 303);
  try {
    const { url } = await startOnlinePayment(context.db, context.payments, { checkoutId: checkout.id, baseUrl: siteOrigin(request, context) });
    return redirect(url, { status: 303, headers: noStore });
  } catch (error) {
    if (error instanceof PaymentError && error.code === "NOT_PAYABLE") {
      return data({ message: t("payments.error.notPayable"), orderPage }, { status: 409, headers: noStore });
    }
    if (error instanceof PaymentsUnavailableError || error instanceof PaymentsRefusedError) {
      logger.warn({ err: error, checkoutId: checkout.id }, "could not start the online payment");
      return redirect(`${orderPage}?payment=unavailable`, 303);
    }
    throw error;
  }
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { t } = getTranslate(request);
  const { token, checkout } = await findCheckout(params, context);
  const orderPage = `/orders/${token}`;
  const sessionId = SessionId.safeParse(new URL(request.url).searchParams.get("session_id"));
  if (!sessionId.success || !context.payments) return redirect(orderPage, 303);
  try {
    const state = await confirmReturn(context.db, context.payments, { checkoutId: checkout.id, sessionId: sessionId.data });
    if (state !== "pending") return redirect(orderPage, { status: 303, headers: noStore });
  } catch (error) {
    if (error instanceof PaymentError && error.code === "NOT_FOUND") throw new Response("Not found", { status: 404 });
    if (!(error instanceof PaymentsUnavailableError || error instanceof PaymentsRefusedError)) throw error;
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
