import { Fragment, type ReactNode } from "react";

export type PageLink = { href: string; label: string };

/**
 * Where you are: a trail of plain links joined by "›" (no JavaScript needed on a village phone).
 * `className` adds to the trail's own classes (e.g. "no-print").
 */
export function Crumbs({ trail, className }: { trail: readonly PageLink[]; className?: string }) {
  return (
    <p className={className ? `${className} text-sm text-stone-500` : "text-sm text-stone-500"}>
      {trail.map((l, i) => (
        <Fragment key={i}>
          {i > 0 ? " › " : null}
          <a href={l.href}>{l.label}</a>
        </Fragment>
      ))}
    </p>
  );
}

/** A section's pages one tap away: a row of plain links. */
export function NavPills({ label, links, className }: { label: string; links: readonly PageLink[]; className?: string }) {
  return (
    <nav aria-label={label} className={className}>
      <ul className="flex flex-wrap gap-2 text-sm">
        {links.map((l) => (
          <li key={l.href}>
            <a href={l.href} className="inline-block rounded-full border border-stone-300 bg-white px-3 py-1">
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The frame of a section's pages (the operator's desk, the partner portal): home › back, the
 * page's title, and the section's pages one tap away. Printing leaves it out (.no-print).
 */
export function SectionHeader({ home, back, title, navLabel, links }: { home: PageLink; back?: PageLink; title: string; navLabel: string; links: readonly PageLink[] }) {
  return (
    <header className="no-print space-y-2">
      <Crumbs trail={back ? [home, back] : [home]} />
      <h1 className="text-2xl font-bold">{title}</h1>
      <NavPills label={navLabel} links={links} />
    </header>
  );
}

/** A page reached from another: the way back (← …), the title, and what stands under the title. */
export function BackHeader({ back, title, children }: { back: PageLink; title: ReactNode; children?: ReactNode }) {
  return (
    <header>
      <a href={back.href} className="text-sm">
        ← {back.label}
      </a>
      <h1 className="text-2xl font-bold">{title}</h1>
      {children}
    </header>
  );
}

/** A card holding one task of the page (a form to fill), named by its heading. */
export function TaskSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card space-y-4" aria-labelledby={id}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A page's heading on the committee's and the county's pages: where you are, the title, a line saying what the page is for. */
export function PageHeading({ trail, title, intro }: { trail: readonly PageLink[]; title: string; intro?: string }) {
  return (
    <>
      <Crumbs trail={trail} />
      <h1 className="text-2xl font-bold">{title}</h1>
      {intro ? <p className="text-sm text-stone-600">{intro}</p> : null}
    </>
  );
}
