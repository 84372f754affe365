import type { LoaderFunctionArgs } from "@remix-run/node";
import { readPhotoFile } from "~/services/photos.server";
import { publicAccess } from "~/utils/access";

export const handle = { access: publicAccess };

/**
 * Product photos. A file's name is the hash of its upload plus its width, so its bytes never
 * change: browsers and proxies may keep it for a year without asking again.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const file = await readPhotoFile(context.env.dataDir, params.file ?? "");
  if (!file) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.bytes.byteLength),
      "Cache-Control": "public, max-age=31536000, immutable",
    },
  });
}
