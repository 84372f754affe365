import type { StationView } from "~/models/stations/geography.server";
import { useI18n } from "~/utils/i18n-react";

export function StationCard({ station }: { station: StationView }) {
  const { t } = useI18n();
  return (
    <a
      href={`/stations/${station.code}`}
      className="card block h-full text-stone-900 no-underline hover:border-brand-600 hover:no-underline"
    >
      <span className="block text-lg font-semibold text-brand-700">{station.name}</span>
      <span className="mt-1 block text-sm text-stone-600">
        {station.township} · {station.village}
      </span>
      {station.openingHours ? (
        <span className="mt-2 block text-sm text-stone-500">
          {t("common.labelled", { label: t("station.openingHours"), value: station.openingHours })}
        </span>
      ) : null}
    </a>
  );
}
