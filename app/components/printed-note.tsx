import type { ReactNode } from "react";

/**
 * A paper printed at the counter and signed by both sides (发货单, 寄售收货单 / 退货单): the
 * station's heading, the document's own body, and the two signature lines. Printing drops the
 * card's frame.
 */
export function PrintedNote({
  testId,
  title,
  station,
  reference,
  signatures,
  children,
}: {
  testId: string;
  title: string;
  station: { name: string; address: string };
  reference: ReactNode;
  signatures: readonly [string, string];
  children: ReactNode;
}) {
  return (
    <article className="card space-y-3 print:border-0 print:shadow-none" data-testid={testId}>
      <header className="text-center">
        <h2 className="text-xl font-bold">{title}</h2>
        <p className="text-sm">{station.name}</p>
        <p className="text-sm text-stone-600">{station.address}</p>
        <p className="text-sm">{reference}</p>
      </header>
      {children}
      <div className="grid grid-cols-2 gap-4 pt-6 text-sm">
        <p>{signatures[0]}</p>
        <p>{signatures[1]}</p>
      </div>
    </article>
  );
}
