import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { publicAccess } from "~/utils/access";
import { endSession } from "~/utils/auth.server";

// Public: signing out is harmless for anyone, and a visitor whose session already expired
// should land on the home page, not on a sign-in form.
export const handle = { access: publicAccess };

/** Revokes the session server-side (the cookie alone would be worth nothing afterwards) and clears the cookie. */
export async function action({ request, context }: ActionFunctionArgs) {
  const cookie = await endSession(request, context);
  return redirect("/", { headers: { "Set-Cookie": cookie } });
}

/** A GET changes nothing (a link or prefetch must not sign anyone out). */
export async function loader() {
  return redirect("/");
}
