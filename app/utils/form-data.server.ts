import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";

/**
 * Reads a form body. A truncated or malformed body (a dropped connection on a village link,
 * or a hand-made request) is the sender's fault: it answers 400, never a 500.
 * Actions read forms only through this (a lint rule forbids `request.formData()` in routes).
 */
export async function readFormData(request: Request, uploadHandler?: UploadHandler): Promise<FormData> {
  try {
    const type = request.headers.get("Content-Type") ?? "";
    if (uploadHandler && type.startsWith("multipart/form-data")) {
      return await unstable_parseMultipartFormData(request, uploadHandler);
    }
    return await request.formData();
  } catch (error) {
    if (error instanceof Response) throw error;
    throw new Response("The form could not be read; please submit it again.", { status: 400 });
  }
}
