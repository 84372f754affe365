import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { z } from "zod";
import { publicAccess } from "~/utils/access";
import { LANGUAGES } from "~/utils/i18n";
import { getTranslate, langCookie } from "~/utils/i18n.server";
import { safeRedirectPath } from "~/utils/redirect";
import { readFormData } from "~/utils/form-data.server";
import { parseForm } from "~/utils/forms";

export const handle = { access: publicAccess };

const LanguageForm = z.object({
  lng: z.enum(LANGUAGES),
  redirectTo: z.string().optional(),
});

/** Remembers the chosen language in a cookie and goes back to the page the visitor was on. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { t } = getTranslate(request);
  const parsed = parseForm(LanguageForm, await readFormData(request), t);
  // The switcher's own buttons send a known language; anything else is not a form a person filled in.
  if (!parsed.ok) return new Response("Unsupported language", { status: 400 });
  return redirect(safeRedirectPath(parsed.data.redirectTo), {
    headers: { "Set-Cookie": langCookie(parsed.data.lng, context.env.NODE_ENV === "production") },
  });
}

/** A GET here changes nothing: send the visitor home. */
export async function loader() {
  return redirect("/");
}
