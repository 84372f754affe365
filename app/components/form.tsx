import { useI18n } from "~/utils/i18n-react";
import { type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes, useEffect, useRef } from "react";

interface FieldProps {
  label: string;
  name: string;
  error?: string;
  hint?: string;
}

const border = (error?: string) => (error ? "border-red-600" : "border-stone-300");

/**
 * A label, a control and its hint and error beside it: the error is tied to the control for
 * screen readers (aria-describedby) and the control is marked invalid. Works without JavaScript.
 * Every field of the app is one of the three below, so they all look and speak alike.
 */
function FieldShell({ label, name, error, hint, control }: FieldProps & { control: (a11y: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode }) {
  const id = `field-${name}`;
  const described = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {control({ id, "aria-invalid": error ? true : undefined, "aria-describedby": described })}
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-stone-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function Field({ label, name, error, hint, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell
      {...{ label, name, error, hint }}
      control={(a11y) => (
        <input name={name} className={`block min-h-[44px] w-full rounded-md border px-3 py-2 text-base ${border(error)}`} {...a11y} {...input} />
      )}
    />
  );
}

export function TextAreaField({ label, name, error, hint, ...rest }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell
      {...{ label, name, error, hint }}
      control={(a11y) => <textarea name={name} rows={3} className={`block w-full rounded-md border px-3 py-2 text-base ${border(error)}`} {...a11y} {...rest} />}
    />
  );
}

export function SelectField({
  label,
  name,
  error,
  hint,
  defaultValue,
  children,
  required,
}: FieldProps & { defaultValue?: string; children: ReactNode; required?: boolean }) {
  return (
    <FieldShell
      {...{ label, name, error, hint }}
      control={(a11y) => (
        <select
          name={name}
          defaultValue={defaultValue}
          required={required}
          className={`block min-h-[44px] w-full rounded-md border bg-white px-3 py-2 text-base ${border(error)}`}
          {...a11y}
        >
          {children}
        </select>
      )}
    />
  );
}

export interface SummaryItem {
  /** The bad field's name: the link goes to its control (`#field-<name>`, the id FieldShell gives it). */
  field?: string;
  /** What the field is, when its message does not say ("白菜的数量"). */
  label?: string;
  message: string;
}

/**
 * The errors of a refused form, at its top (issue 15): announced (role=alert) and focused when it
 * appears, by the autofocus attribute without JavaScript and by focus() when a hydrated form is
 * refused again, with a link to each bad field, so nobody has to hunt down a long form or a small
 * screen for what to fix. Each field still shows its own message beside it.
 */
export function ErrorSummary({ title, items }: { title: string; items: SummaryItem[] }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const signature = items.map((i) => `${i.field ?? ""}:${i.message}`).join("|");
  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);
  if (items.length === 0) return null;
  return (
    <div ref={ref} role="alert" tabIndex={-1} autoFocus className="space-y-1 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-800 outline-none focus:ring-2 focus:ring-red-600" data-testid="error-summary">
      <p className="font-semibold">{title}</p>
      <ul className="list-disc space-y-1 pl-5">
        {items.map((i) => (
          <li key={`${i.field ?? "form"}:${i.message}`}>
            {i.field ? (
              <a
                href={`#field-${i.field}`}
                className="text-red-800 underline"
                onClick={(event) => {
                  // With JavaScript the router would treat the fragment as a navigation and drop the
                  // refused form's errors: move to the field here instead (without it the browser does).
                  const target = document.getElementById(`field-${i.field}`);
                  if (!target) return;
                  event.preventDefault();
                  target.focus();
                  target.scrollIntoView({ block: "center" });
                }}
              >
                {i.label ? t("common.labelled", { label: i.label, value: i.message }) : i.message}
              </a>
            ) : (
              <>{i.label ? t("common.labelled", { label: i.label, value: i.message }) : i.message}</>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A message about the whole form (wrong password, too many attempts), announced when it appears. */
export function FormAlert({ children, tone = "error" }: { children: ReactNode; tone?: "error" | "success" }) {
  if (!children) return null;
  return (
    <p
      role={tone === "error" ? "alert" : "status"}
      className={`rounded-md border px-3 py-2 ${tone === "error" ? "border-red-200 bg-red-50 text-red-800" : "border-brand-100 bg-brand-50 text-brand-800"}`}
    >
      {children}
    </p>
  );
}
