import type { UploadHandler } from "@remix-run/node";
import { readFormData } from "./form-data.server";
import { MAX_UPLOAD_BYTES } from "~/services/photos.server";

/** What came in the form's `photo` field. */
export type PhotoUpload = { kind: "none" } | { kind: "file"; bytes: Uint8Array } | { kind: "too_large" };

const TOO_LARGE = "\u0000too-large";
/** Text fields are short; a huge one is not a form of ours. */
const MAX_TEXT_BYTES = 64 * 1024;
/** An oversized photo is read past (so the other fields still arrive) up to this, then refused outright. */
const MAX_DRAIN_BYTES = 4 * MAX_UPLOAD_BYTES;

async function readLimited(data: AsyncIterable<Uint8Array>, limit: number, drainLimit: number): Promise<Uint8Array | typeof TOO_LARGE> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    if (size > drainLimit) throw new Response("Payload too large", { status: 413 });
    if (size <= limit) chunks.push(chunk);
  }
  if (size > limit) return TOO_LARGE;
  return Buffer.concat(chunks);
}

const handler: UploadHandler = async ({ name, filename, data }) => {
  if (filename === undefined) {
    const bytes = await readLimited(data, MAX_TEXT_BYTES, MAX_TEXT_BYTES);
    return typeof bytes === "string" ? undefined : new TextDecoder().decode(bytes);
  }
  if (name !== "photo") {
    await readLimited(data, 0, MAX_DRAIN_BYTES);
    return undefined;
  }
  const bytes = await readLimited(data, MAX_UPLOAD_BYTES, MAX_DRAIN_BYTES);
  if (bytes === TOO_LARGE) return TOO_LARGE;
  return new File([bytes as Uint8Array<ArrayBuffer>], filename || "photo");
};

/**
 * A form that may carry a photo: multipart when it does (parsed with a size-limited memory
 * handler, so an 80 MB upload never sits in memory), plain url-encoded otherwise. The text
 * fields come back as FormData for the zod parse; the photo separately.
 */
export async function parseFormWithPhoto(request: Request): Promise<{ formData: FormData; photo: PhotoUpload }> {
  const formData = await readFormData(request, handler);
  const value = formData.get("photo");
  formData.delete("photo");
  if (value === TOO_LARGE) return { formData, photo: { kind: "too_large" } };
  if (value instanceof File && value.size > 0) return { formData, photo: { kind: "file", bytes: new Uint8Array(await value.arrayBuffer()) } };
  return { formData, photo: { kind: "none" } };
}
