// A settings or Spam Manager page's section: its heading (which names the section for screen readers),
// a line saying what it is for, the page's main action on the right, then the content. Server- and
// client-safe.
import type { ReactNode } from "react";

const WIDTH = { "4xl": "max-w-4xl", "5xl": "max-w-5xl", "7xl": "max-w-7xl" } as const;

export function PageSection({
  id,
  title,
  description,
  action,
  width = "5xl",
  tab = false,
  children,
}: {
  /** Names the heading (`<id>-heading`), which labels the section. */
  id: string;
  title: string;
  description: ReactNode;
  action?: ReactNode;
  width?: keyof typeof WIDTH;
  /** A tab of a page with its own title above (the Spam Manager's): a smaller heading. */
  tab?: boolean;
  children: ReactNode;
}) {
  const headingId = `${id}-heading`;
  return (
    <section aria-labelledby={headingId} className={WIDTH[width]}>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 id={headingId} className={tab ? "text-base font-semibold text-slate-900" : "text-lg font-semibold"}>
            {title}
          </h2>
          <p className="text-sm text-slate-600">{description}</p>
        </div>
        {action}
      </div>
      {children}
    </section>
  );
}
