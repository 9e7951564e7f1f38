export function Logo({ className = "h-8 w-8" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true">
      <rect width="32" height="32" rx="8" className="fill-brand-600" />
      <path
        d={
          "M9 8h8.5a5 5 0 0 1 2.9 9.1A5.2 5.2 0 0 1 18 25H9z" +
          "m4 4v4h4a2 2 0 0 0 0-4zm0 7.5v2.5h4.5a1.25 1.25 0 0 0 0-2.5z"
        }
        fill="#fff"
      />
    </svg>
  );
}
