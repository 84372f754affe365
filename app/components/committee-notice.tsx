import { useI18n } from "~/utils/i18n-react";

/** The sign-offs and the seal, as the notice and the verification page print them. */
export function SealBlock({ seal, signatures }: { seal: string; signatures: { role: "operator" | "overseer"; name: string; at: string }[] }) {
  const { t } = useI18n();
  return (
    <div className="space-y-1 text-sm">
      <p>
        <span className="text-stone-600">{t("committee.notice.signedBy")}{t("common.colon")}</span>
        {signatures.map((s) => t("common.parenthesized", { text: `${t(`committee.close.signature.${s.role}`)} ${s.name}`, inner: s.at })).join(t("common.clauseSeparator"))}
      </p>
      <p>
        <span className="text-stone-600">{t("committee.notice.sealLabel")}{t("common.colon")}</span>
        <code className="break-all font-mono" data-testid="seal">
          {seal}
        </code>
      </p>
    </div>
  );
}
