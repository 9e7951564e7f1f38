"use client";

import { useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ErrorNote } from "@/components/ui/field";
import { Icon } from "@/components/icons";
import { BLOCK_PRESETS, describeMinutes, MAX_BLOCK_MINUTES } from "@/lib/live-chat/block-schemas";
import { isWithinWorkingHours, isValidTimeZone, localWeekdayAndTime, WEEKDAYS, type Weekday, type WorkingHours } from "@/lib/live-chat/working-hours";
import { describeWorkingHours } from "@/lib/live-chat/describe-hours";
import { updateLiveChatSettingsAction } from "./actions";

type Range = { from: string; to: string };
type Schedule = Record<Weekday, Range[]>;

const DAY_NAMES: Record<Weekday, string> = { mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday" };
const OFFICE_HOURS: Schedule = {
  mon: [{ from: "09:00", to: "17:00" }],
  tue: [{ from: "09:00", to: "17:00" }],
  wed: [{ from: "09:00", to: "17:00" }],
  thu: [{ from: "09:00", to: "17:00" }],
  fri: [{ from: "09:00", to: "17:00" }],
  sat: [],
  sun: [],
};

function fullSchedule(hours: WorkingHours): Schedule {
  if (!hours) return OFFICE_HOURS;
  return Object.fromEntries(WEEKDAYS.map((day) => [day, hours[day] ?? []])) as Schedule;
}

export function LiveChatSettingsForm({
  initial,
  timeZones,
}: {
  initial: { timeZone: string; workingHours: WorkingHours; liveChatBlockDefaultMinutes: number };
  timeZones: string[];
}) {
  const [alwaysOpen, setAlwaysOpen] = useState(initial.workingHours === null);
  const [schedule, setSchedule] = useState<Schedule>(() => fullSchedule(initial.workingHours));
  const [timeZone, setTimeZone] = useState(initial.timeZone);
  const [minutes, setMinutes] = useState(String(initial.liveChatBlockDefaultMinutes));
  const [preset, setPreset] = useState<string>(BLOCK_PRESETS.some((p) => p.minutes === initial.liveChatBlockDefaultMinutes) ? String(initial.liveChatBlockDefaultMinutes) : "custom");
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();
  const [now, setNow] = useState<Date | null>(null);

  // "Open now?" is the browser's clock (rendered after hydration, so server and browser agree).
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const zoneValid = isValidTimeZone(timeZone);
  const effective: WorkingHours = alwaysOpen ? null : schedule;
  const minutesNumber = Number(preset === "custom" ? minutes : preset);

  function setDay(day: Weekday, ranges: Range[]) {
    setSaved(false);
    setSchedule((current) => ({ ...current, [day]: ranges }));
  }

  function save() {
    setError(null);
    setSaved(false);
    startTransition(async () => {
      const result = await updateLiveChatSettingsAction({ timeZone: timeZone.trim(), workingHours: effective, liveChatBlockDefaultMinutes: minutesNumber });
      if (!result.ok) return setError(result.error.message);
      setSaved(true);
    });
  }

  return (
    <form
      className="space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
      onChange={() => setSaved(false)}
    >
      <fieldset className="rounded-lg border border-slate-200 bg-white">
        <legend className="sr-only">Working hours</legend>
        <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-4 py-3">
          <div>
            <h3 className="font-medium text-slate-900">Working hours</h3>
            <p className="text-sm text-slate-600" data-testid="working-hours-summary">
              {describeWorkingHours(effective)}
              {now && zoneValid && (
                <>
                  {" · "}
                  <span className={isWithinWorkingHours(effective, timeZone, now) ? "text-emerald-700" : "text-amber-700"}>
                    {isWithinWorkingHours(effective, timeZone, now) ? "open now" : "closed now"}
                  </span>{" "}
                  ({localWeekdayAndTime(now, timeZone).time} in {timeZone.replaceAll("_", " ")})
                </>
              )}
            </p>
          </div>
          <label className="flex cursor-pointer items-center gap-2 text-sm font-medium text-slate-800">
            <input
              type="checkbox"
              role="switch"
              checked={alwaysOpen}
              onChange={(event) => setAlwaysOpen(event.target.checked)}
              className="peer sr-only"
            />
            <span
              aria-hidden="true"
              className="relative h-5 w-9 rounded-full bg-slate-300 transition peer-checked:bg-brand-600 peer-focus-visible:ring-2 peer-focus-visible:ring-brand-500 peer-focus-visible:ring-offset-2 after:absolute after:left-0.5 after:top-0.5 after:h-4 after:w-4 after:rounded-full after:bg-white after:shadow after:transition peer-checked:after:translate-x-4"
            />
            Always open
          </label>
        </div>

        <div className="grid gap-4 px-4 py-3 sm:grid-cols-[minmax(0,1fr)_16rem]">
          <div>
            <label htmlFor="time-zone" className="block text-sm font-medium text-slate-700">
              Time zone
            </label>
            <input
              id="time-zone"
              list="time-zone-options"
              value={timeZone}
              onChange={(event) => setTimeZone(event.target.value)}
              aria-invalid={!zoneValid || undefined}
              aria-describedby="time-zone-hint"
              autoComplete="off"
              spellCheck={false}
              className="mt-1.5 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-500 focus:outline-none aria-invalid:border-red-400"
            />
            <datalist id="time-zone-options">
              {timeZones.map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
            <p id="time-zone-hint" className={`mt-1 text-xs ${zoneValid ? "text-slate-500" : "text-red-600"}`}>
              {zoneValid ? "An IANA time zone, e.g. Europe/London or America/New_York. The hours below are in this zone." : "Not a known time zone: pick one from the list."}
            </p>
          </div>
        </div>

        {!alwaysOpen && (
          <ul className="divide-y divide-slate-100 border-t border-slate-100" aria-label="Weekly schedule">
            {WEEKDAYS.map((day) => (
              <DayRow key={day} day={day} ranges={schedule[day]} onChange={(ranges) => setDay(day, ranges)} onCopyToWeekdays={day === "mon" ? () => setSchedule((s) => ({ ...s, tue: s.mon, wed: s.mon, thu: s.mon, fri: s.mon })) : undefined} />
            ))}
          </ul>
        )}
      </fieldset>

      <fieldset className="rounded-lg border border-slate-200 bg-white px-4 py-3">
        <legend className="sr-only">Default block period</legend>
        <h3 className="font-medium text-slate-900">Default block period</h3>
        <p className="text-sm text-slate-600">
          What the “Block from live chat” dialogs pre-select. Chatbot flows that omit <code className="rounded bg-slate-100 px-1 text-xs">BlockIntervalMinutes</code> always get 1440 (24 hours).
        </p>
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <label htmlFor="default-block" className="sr-only">
            Default block period
          </label>
          <select
            id="default-block"
            value={preset}
            onChange={(event) => {
              setPreset(event.target.value);
              if (event.target.value !== "custom") setMinutes(event.target.value);
            }}
            className="rounded-md border border-slate-300 bg-white py-2 pl-3 pr-8 text-sm"
          >
            {BLOCK_PRESETS.map((p) => (
              <option key={p.minutes} value={p.minutes}>
                {p.label}
              </option>
            ))}
            <option value="custom">Custom…</option>
          </select>
          {preset === "custom" && (
            <>
              <label htmlFor="default-block-minutes" className="sr-only">
                Minutes
              </label>
              <input
                id="default-block-minutes"
                type="number"
                min={1}
                max={MAX_BLOCK_MINUTES}
                value={minutes}
                onChange={(event) => setMinutes(event.target.value)}
                className="w-28 rounded-md border border-slate-300 px-3 py-2 text-sm"
              />
              <span className="text-sm text-slate-600">
                minutes{Number.isInteger(minutesNumber) && minutesNumber >= 1 && minutesNumber <= MAX_BLOCK_MINUTES ? ` (${describeMinutes(minutesNumber)})` : ""}
              </span>
            </>
          )}
        </div>
      </fieldset>

      {error && <ErrorNote>{error}</ErrorNote>}
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={pending || !zoneValid}>
          {pending ? "Saving…" : "Save live-chat settings"}
        </Button>
        {saved && (
          <span role="status" className="flex items-center gap-1 text-sm text-emerald-700">
            <Icon name="check" className="h-4 w-4" /> Saved
          </span>
        )}
      </div>
    </form>
  );
}

/** Two more hours after the last range (or the evening), never past midnight. */
function nextRange(last: Range | undefined): Range {
  const from = last && last.to < "23:00" ? last.to : "18:00";
  const hour = Number(from.slice(0, 2)) + 2;
  return { from, to: hour >= 24 ? "24:00" : `${String(hour).padStart(2, "0")}${from.slice(2)}` };
}

function DayRow({ day, ranges, onChange, onCopyToWeekdays }: { day: Weekday; ranges: Range[]; onChange(ranges: Range[]): void; onCopyToWeekdays?: () => void }) {
  const open = ranges.length > 0;
  return (
    <li className="flex flex-col gap-2 px-4 py-2.5 sm:flex-row sm:items-start" data-testid={`day-${day}`}>
      <label className="flex w-36 shrink-0 items-center gap-2 pt-1.5 text-sm font-medium text-slate-800">
        <input
          type="checkbox"
          checked={open}
          onChange={(event) => onChange(event.target.checked ? [{ from: "09:00", to: "17:00" }] : [])}
          className="h-4 w-4 rounded border-slate-300 accent-brand-600"
        />
        {DAY_NAMES[day]}
      </label>
      <div className="flex min-w-0 flex-1 flex-col gap-1.5">
        {!open && <p className="pt-1.5 text-sm text-slate-500">Closed</p>}
        {ranges.map((range, index) => (
          <div key={index} className="flex flex-wrap items-center gap-2">
            <input
              type="time"
              aria-label={`${DAY_NAMES[day]} from`}
              value={range.from}
              onChange={(event) => onChange(ranges.map((r, i) => (i === index ? { ...r, from: event.target.value } : r)))}
              className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
            />
            <span className="text-sm text-slate-500">to</span>
            <input
              type="time"
              aria-label={`${DAY_NAMES[day]} to`}
              value={range.to === "24:00" ? "23:59" : range.to}
              onChange={(event) => onChange(ranges.map((r, i) => (i === index ? { ...r, to: event.target.value === "23:59" ? "24:00" : event.target.value } : r)))}
              className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
            />
            {range.from >= range.to && <span className="text-xs text-red-600">Must end after it starts</span>}
            <button
              type="button"
              onClick={() => onChange(ranges.filter((_, i) => i !== index))}
              className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-red-600"
              aria-label={`Remove ${DAY_NAMES[day]} ${range.from}–${range.to}`}
            >
              <Icon name="close" className="h-4 w-4" />
            </button>
          </div>
        ))}
      </div>
      <div className="flex gap-1 sm:pt-0.5">
        {open && ranges.length < 6 && (
          <Button size="sm" variant="ghost" onClick={() => onChange([...ranges, nextRange(ranges.at(-1))])}>
            <Icon name="plus" className="h-4 w-4" /> Hours
          </Button>
        )}
        {onCopyToWeekdays && open && (
          <Button size="sm" variant="ghost" onClick={onCopyToWeekdays} title="Use Monday's hours for Tuesday to Friday">
            Copy to Tue–Fri
          </Button>
        )}
      </div>
    </li>
  );
}
