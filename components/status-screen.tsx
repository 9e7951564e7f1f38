// A whole-area message with a way on: not found, something went wrong. Used by the app's error and
// not-found files, inside the app shell or on its own (then with the logo).
import { Icon, type IconName } from "./icons";
import { Logo } from "./ui/logo";

export function StatusScreen({
  icon,
  tone = "neutral",
  title,
  children,
  actions,
  standalone = false,
}: {
  icon: IconName;
  tone?: "neutral" | "danger";
  title: string;
  children: React.ReactNode;
  actions: React.ReactNode;
  /** Outside the app shell (no navigation around it): show the logo. */
  standalone?: boolean;
}) {
  return (
    <main
      className={[
        "flex flex-col items-center justify-center px-6 py-16 text-center",
        standalone ? "min-h-dvh" : "h-full",
      ].join(" ")}
    >
      {standalone && <Logo className="mb-8 h-10 w-10" />}
      <span
        className={`rounded-full p-3 ${tone === "danger" ? "bg-red-50 text-red-600" : "bg-slate-100 text-slate-500"}`}
      >
        <Icon name={icon} className="h-7 w-7" />
      </span>
      <h1 className="mt-4 text-lg font-semibold text-slate-900">{title}</h1>
      <div className="mt-1 max-w-md text-sm text-slate-600">{children}</div>
      <div className="mt-6 flex flex-wrap items-center justify-center gap-3">{actions}</div>
    </main>
  );
}

/** The look of the primary and secondary actions (links and buttons alike). */
export const statusActionClass = {
  primary: [
    "inline-flex items-center rounded-md px-3 py-2 text-sm font-medium",
    "bg-brand-600 text-white shadow-sm hover:bg-brand-700",
  ].join(" "),
  secondary: [
    "inline-flex items-center rounded-md px-3 py-2 text-sm font-medium",
    "border border-slate-300 bg-white text-slate-800 shadow-xs hover:bg-slate-50",
  ].join(" "),
};
