import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormAlert } from "~/components/form";
import { groupByStation } from "~/domain/carts";
import { D, formatMoney, sum, toAmountString } from "~/domain/money";
import { unitLabel } from "~/domain/units";
import { getCartLines, productUnit, removeFromCart, setCartQuantity } from "~/models/orders/carts.server";
import { publicAccess } from "~/utils/access";
import { AddToCartFields, addToCartResponse, cartOwnerForWrite, cartRefusal, currentCartOwner } from "~/routes-support/shop/cart.server";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { parseForm } from "~/utils/forms";
import { formatPrice, formatQty, formatStock } from "~/routes-support/goods/format";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";

export const handle = { access: publicAccess, hydrate: false };

/** The cart, grouped by the station that will send each part (one order per station at checkout); amounts as decimal strings. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { lang, t } = getTranslate(request);
  const owner = await currentCartOwner(request, context);
  const lines = owner ? await getCartLines(context.db, { owner }, lang) : [];
  const groups = groupByStation(lines.map((l) => ({ ...l, quantity: new D(l.quantity), unitPrice: new D(l.currentPrice) })));
  const total = sum(groups.map((g) => g.subtotal));
  return data(
    {
      groups: groups.map((g) => ({
        stationId: g.stationId,
        stationName: g.lines[0]!.stationName,
        subtotal: toAmountString(g.subtotal),
        lines: g.lines.map((l) => ({
          productId: l.productId,
          name: l.name,
          // Two lots of the same goods in one cart are told apart by whose they are.
          lot: l.household ? (l.household.group ? t("orders.cart.lot", { name: l.household.name, group: l.household.group }) : t("orders.cart.lotNoGroup", { name: l.household.name })) : null,
          unit: l.unit,
          unitLabel: unitLabel(l.unit, lang),
          quantity: l.quantity.toFixed(),
          quantityText: formatQty(l.quantity.toFixed(), l.unit, lang),
          // The price now, and the one the buyer saw when adding it if that has changed since.
          price: l.currentPrice,
          oldPrice: l.priceChanged ? l.seenUnitPrice : null,
          available: formatStock(l.available, l.unit, lang),
          purchasable: l.purchasable,
          enoughStock: l.enoughStock,
          lineTotal: l.lineTotal,
        })),
      })),
      total: toAmountString(total),
      added: new URL(request.url).searchParams.get("added") === "1",
      meta: { title: `${t("orders.cart.title")} · ${t("app.name")}` },
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export const meta = routeMeta;

/** This page is one visitor's own (their cart, their order): its loader's no-store reaches the document. */
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

const CartForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), ...AddToCartFields }),
  z.object({ intent: z.literal("update"), ...AddToCartFields }),
  z.object({ intent: z.literal("remove"), productId: z.uuid("validation.invalid") }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const { lang, t } = getTranslate(request);
  const formData = await readFormData(request);
  const parsed = parseForm(CartForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const form = parsed.data;
  // Added from anywhere, answered one way (a refusal renders here with a link back to the product).
  if (form.intent === "add") return addToCartResponse(request, context, form, { t, lang });
  const { owner, setCookie } = await cartOwnerForWrite(request, context);
  const headers = setCookie ? { "Set-Cookie": setCookie } : undefined;
  try {
    switch (form.intent) {
      case "update":
        await setCartQuantity(context.db, { owner, productId: form.productId, quantity: form.quantity });
        return redirect("/cart", { headers });
      case "remove":
        await removeFromCart(context.db, { owner, productId: form.productId });
        return redirect("/cart", { headers });
    }
  } catch (error) {
    const refusal = cartRefusal(error, t, await productUnit(context.db, { productId: form.productId }), lang);
    // Nothing was written, so a new guest gets no cart cookie yet.
    return data({ errors: { [refusal.field]: refusal.message }, values: { productId: form.productId } }, { status: refusal.status });
  }
}

export default function Cart() {
  const { groups, total, added } = useLoaderData<typeof loader>();
  const { errors: failed, values: posted } = useFormFeedback();
  const { lang, t } = useI18n();
  const failure = failed.form ?? failed.quantity ?? failed.productId ?? failed.intent;
  // A refused add or change names its product: the way back to it, to try again (no JavaScript needed).
  const backTo = failure && posted.productId && /^[0-9a-f-]{36}$/i.test(posted.productId) ? `/products/${posted.productId}` : null;
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t("orders.cart.title")}</h1>
      {added ? <FormAlert tone="success">{t("orders.cart.added")}</FormAlert> : null}
      {failure ? (
        <div className="space-y-1" data-testid="cart-refusal">
          <FormAlert>{failure}</FormAlert>
          {backTo ? (
            <p>
              <a href={backTo} data-testid="back-to-product">
                ← {t("orders.cart.error.backToProduct")}
              </a>
            </p>
          ) : null}
        </div>
      ) : null}
      {groups.length === 0 ? (
        <p className="space-x-2">
          <span>{t("orders.cart.empty")}</span> <a href="/">{t("orders.cart.browse")}</a>
        </p>
      ) : (
        <>
          {groups.length > 1 ? <p className="text-stone-700">{t("orders.cart.splitNote", { count: groups.length })}</p> : null}
          {groups.map((g) => (
            <div key={g.stationId} className="card space-y-3" data-testid="cart-station">
              <h2 className="font-semibold">{t("orders.cart.station", { station: g.stationName })}</h2>
              <ul className="divide-y divide-stone-100">
                {g.lines.map((l) => (
                  <li key={l.productId} className="space-y-2 py-2" data-testid="cart-line">
                    <p className="flex justify-between gap-2">
                      <a href={`/products/${l.productId}`} className="font-medium">
                        {l.name}
                      </a>
                      <span>{formatMoney(l.lineTotal, lang)}</span>
                    </p>
                    {l.lot ? (
                      <p className="text-sm text-stone-600" data-testid="cart-line-lot">
                        {l.lot}
                      </p>
                    ) : null}
                    <p className="text-sm text-stone-600">
                      {l.quantityText} × {formatPrice(l.price, l.unit, lang)}
                    </p>
                    {l.oldPrice ? (
                      <p className="text-sm text-amber-800" role="status" data-testid="price-changed">
                        {t("orders.cart.priceChanged", { old: formatPrice(l.oldPrice, l.unit, lang), now: formatPrice(l.price, l.unit, lang) })}
                      </p>
                    ) : null}
                    {!l.purchasable ? <p className="text-sm text-red-700">{t("orders.cart.notAvailable")}</p> : null}
                    {l.purchasable && !l.enoughStock ? <p className="text-sm text-red-700">{t("orders.cart.notEnough", { available: l.available })}</p> : null}
                    <div className="flex flex-wrap items-end gap-2">
                      <Form method="post" className="flex items-end gap-2">
                        <input type="hidden" name="intent" value="update" />
                        <input type="hidden" name="productId" value={l.productId} />
                        <label className="text-sm">
                          {t("orders.cart.quantity", { unit: l.unitLabel })}
                          <input name="quantity" defaultValue={l.quantity} inputMode="decimal" className="block min-h-[40px] w-24 rounded-md border border-stone-300 px-2" />
                        </label>
                        <button type="submit" className="btn-quiet min-h-[40px] px-3 text-sm">
                          {t("orders.cart.update")}
                        </button>
                      </Form>
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="productId" value={l.productId} />
                        <button type="submit" className="btn-quiet min-h-[40px] px-3 text-sm">
                          {t("orders.cart.remove")}
                        </button>
                      </Form>
                    </div>
                  </li>
                ))}
              </ul>
              <p className="text-right font-medium">{t("orders.cart.subtotal", { amount: formatMoney(g.subtotal, lang) })}</p>
            </div>
          ))}
          <p className="text-right text-lg font-semibold" data-testid="cart-total">
            {t("orders.cart.total", { amount: formatMoney(total, lang) })}
          </p>
          <p className="text-right">
            <a href="/checkout" className="btn-primary inline-block" data-testid="go-checkout">
              {t("orders.cart.checkout")}
            </a>
          </p>
        </>
      )}
    </section>
  );
}
