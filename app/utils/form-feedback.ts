import { useActionData } from "@remix-run/react";

/**
 * The one form-feedback hook (ADR 018): what an action sent back on bad input — the field
 * errors and what was typed — so the form shows each message beside its field and keeps the
 * person's input. Before any post, `values` is `initial` (what the loader pre-filled).
 */
export function useFormFeedback(initial: Record<string, string | undefined> = {}): {
  errors: Record<string, string | undefined>;
  values: Record<string, string | undefined>;
} {
  const actionData = useActionData<{ errors?: Record<string, string>; values?: Record<string, string> }>();
  return { errors: actionData?.errors ?? {}, values: actionData?.values ?? initial };
}
