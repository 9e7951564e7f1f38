// Inline icons (outline, 24px grid) so the UI needs no icon font or download.
const PATHS = {
  inbox: "M3 13h4l2 3h6l2-3h4M5 5h14l2 8v6H3v-6z",
  settings:
    "M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm7.4-3a7.4 7.4 0 0 0-.1-1.2l2-1.6-2-3.4-2.4 1" +
    "a7.5 7.5 0 0 0-2-1.2L14.5 3h-4l-.4 2.6a7.5 7.5 0 0 0-2 1.2l-2.4-1-2 3.4 2 1.6a7.4 7.4 0 0 0 0 2.4" +
    "l-2 1.6 2 3.4 2.4-1a7.5 7.5 0 0 0 2 1.2l.4 2.6h4l.4-2.6a7.5 7.5 0 0 0 2-1.2l2.4 1 2-3.4-2-1.6" +
    "c.1-.4.1-.8.1-1.2z",
  logout: "M15 17l5-5-5-5M20 12H9M12 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h7",
  flag: "M5 21V4m0 0h11l-2 4 2 4H5",
  shield: "M12 3l8 3v6c0 4.5-3.4 8.3-8 9-4.6-.7-8-4.5-8-9V6z",
  users:
    "M16 19v-1a4 4 0 0 0-4-4H7a4 4 0 0 0-4 4v1M9.5 10a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM21 19v-1" +
    "a4 4 0 0 0-3-3.9M15.5 4.1a3 3 0 0 1 0 5.8",
  list: "M8 6h13M8 12h13M8 18h13M3 6h.01M3 12h.01M3 18h.01",
  ban: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM5.6 5.6l12.8 12.8",
  clock: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zm0-14v5l3 3",
  search: "M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zm10 3-5-5",
  back: "M15 18l-6-6 6-6",
  close: "M6 6l12 12M18 6 6 18",
  check: "M5 12l5 5L20 7",
  chat: "M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z",
  mail: "M4 6h16v12H4zm0 0 8 7 8-7",
  phone: "M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z",
  whatsapp: "M4 20l1.3-4A8 8 0 1 1 8 18.7zM9 9c0 3 3 6 6 6l1-1.5-2-1-1 1a4 4 0 0 1-2.5-2.5l1-1-1-2z",
  apple:
    "M16 3c0 1.7-1.3 3-3 3 0-1.7 1.3-3 3-3z" +
    "M12 7c1 0 2-.7 3.2-.7 1.7 0 3.1 1.1 3.6 2.4-1.4.8-2.3 2.1-2.3 3.8 0 2 1.2 3.3 2.5 3.9-.8 2.3-2.3 4.6-4 4.6" +
    "-1 0-1.6-.6-3-.6s-2 .6-3 .6c-2.2 0-4.5-4-4.5-7.6 0-3.3 2.1-5.1 4.2-5.1 1.3 0 2.3.7 3.3.7z",
  messenger:
    "M12 3C7 3 3 6.7 3 11.3c0 2.6 1.3 4.9 3.3 6.4V21l3-1.7c.9.3 1.8.4 2.7.4 5 0 9-3.7 9-8.4S17 3 12 3z" +
    "m-4 10 3-3.3 2 2 3-2-3 3.3-2-2z",
  vk:
    "M3 7h3.5c.5 3 2 5 3.5 5.5V7h3v3c1.5-.2 3-1.6 3.5-3H20c-.5 2-2 3.7-3.3 4.5C18 12 19.6 13.5 20.5 17" +
    "h-3.3c-.6-1.8-2-3.2-4.2-3.5V17h-.5C7 17 3.5 13.5 3 7z",
  plus: "M12 5v14M5 12h14",
  more: "M12 6h.01M12 12h.01M12 18h.01",
  send: "M4 12l16-8-6 16-2-6z",
  tag: "M3 12V4h8l9 9-8 8zM7.5 7.5h.01",
  user: "M20 21v-1a5 5 0 0 0-5-5H9a5 5 0 0 0-5 5v1M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z",
  bell: "M18 16V11a6 6 0 1 0-12 0v5l-2 2h16zM10 21h4",
  filter: "M3 5h18l-7 8v6l-4 2v-8z",
  download: "M12 4v12m0 0-5-5m5 5 5-5M4 20h16",
  alert: "M12 9v4m0 4h.01M10.3 3.9 2.4 18a2 2 0 0 0 1.7 3h15.8a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z",
  lock: "M6 11h12v10H6zM8 11V7a4 4 0 1 1 8 0v4",
  megaphone: "M3 11v2a1 1 0 0 0 1 1h2l5 4V6L6 10H4a1 1 0 0 0-1 1zM15 9a3 3 0 0 1 0 6M18 6a7 7 0 0 1 0 12",
  key: "M15 7a4 4 0 1 1-3.8 5.2L4 19.5V22h3v-2h2v-2h2l1.8-1.8A4 4 0 0 1 15 7zm1 1h.01",
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, className = "h-5 w-5", title }: { name: IconName; className?: string; title?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
      aria-hidden={title ? undefined : true}
      role={title ? "img" : undefined}
    >
      {title && <title>{title}</title>}
      <path d={PATHS[name]} />
    </svg>
  );
}
