import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { z } from "zod";
import { publicAccess } from "~/utils/access";
import { LANGUAGES } from "~/utils/i18n";
import { langCookie } from "~/utils/i18n.server";
import { safeRedirectPath } from "~/utils/redirect";
import { readFormData } from "~/utils/form-data.server";

export const handle = { access: publicAccess };

const LanguageForm = z.object({
  lng: z.enum(LANGUAGES),
  redirectTo: z.string().optional(),
});

/** Remembers the chosen language in a cookie and goes back to the page the visitor was on. */
export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = LanguageForm.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) {
    return new Response("Unsupported language", { status: 400 });
  }
  return redirect(safeRedirectPath(parsed.data.redirectTo), {
    headers: { "Set-Cookie": langCookie(parsed.data.lng, context.env.NODE_ENV === "production") },
  });
}

/** A GET here changes nothing: send the visitor home. */
export async function loader() {
  return redirect("/");
}
