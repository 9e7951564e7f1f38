"use client";
// The weekly schedule of the live-chat settings form: one row per weekday, each a field array of
// opening ranges (react-hook-form's useFieldArray over schedule.<day>).
import { Controller, useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Icon } from "@/components/icons";
import { WEEKDAYS, type Weekday } from "@/lib/live-chat/working-hours";
import type { LiveChatFormValues, Range } from "./live-chat-form-values";

export const DAY_NAMES: Record<Weekday, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};
const MAX_RANGES = 6;
const DEFAULT_RANGE: Range = { from: "09:00", to: "17:00" };

/** Two more hours after the last range (or the evening), never past midnight. */
function nextRange(last: Range | undefined): Range {
  const from = last && last.to < "23:00" ? last.to : "18:00";
  const hour = Number(from.slice(0, 2)) + 2;
  return { from, to: hour >= 24 ? "24:00" : `${String(hour).padStart(2, "0")}${from.slice(2)}` };
}

export function WeeklySchedule() {
  return (
    <ul className="divide-y divide-slate-100 border-t border-slate-100" aria-label="Weekly schedule">
      {WEEKDAYS.map((day) => (
        <DayRow key={day} day={day} />
      ))}
    </ul>
  );
}

function DayRow({ day }: { day: Weekday }) {
  const { control, getValues, setValue, formState } = useFormContext<LiveChatFormValues>();
  const ranges = useFieldArray({ control, name: `schedule.${day}` });
  const values = useWatch({ control, name: `schedule.${day}` });
  const dayErrors = formState.errors.schedule?.[day];
  const open = ranges.fields.length > 0;
  const copyToWeekdays = () => {
    for (const weekday of ["tue", "wed", "thu", "fri"] as const)
      setValue(`schedule.${weekday}`, getValues("schedule.mon"), { shouldDirty: true });
  };
  return (
    <li className="flex flex-col gap-2 px-4 py-2.5 sm:flex-row sm:items-start" data-testid={`day-${day}`}>
      <label className="flex w-36 shrink-0 items-center gap-2 pt-1.5 text-sm font-medium text-slate-800">
        <input
          type="checkbox"
          checked={open}
          onChange={(event) => ranges.replace(event.target.checked ? [DEFAULT_RANGE] : [])}
          className="h-4 w-4 rounded border-slate-300 accent-brand-600"
        />
        {DAY_NAMES[day]}
      </label>
      <div className="flex min-w-0 flex-1 flex-col gap-1.5">
        {!open && <p className="pt-1.5 text-sm text-slate-500">Closed</p>}
        {ranges.fields.map((field, index) => {
          const range = values?.[index] ?? field;
          const serverError =
            dayErrors?.[index]?.from?.message ?? dayErrors?.[index]?.to?.message ?? dayErrors?.[index]?.message;
          return (
            <div key={field.id} className="flex flex-wrap items-center gap-2">
              <Controller
                control={control}
                name={`schedule.${day}.${index}.from`}
                render={({ field: from }) => (
                  <input
                    type="time"
                    aria-label={`${DAY_NAMES[day]} from`}
                    {...from}
                    className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
                  />
                )}
              />
              <span className="text-sm text-slate-500">to</span>
              <Controller
                control={control}
                name={`schedule.${day}.${index}.to`}
                render={({ field: to }) => (
                  // A time input stops at 23:59; the schedule says 24:00 for "until midnight".
                  <input
                    type="time"
                    aria-label={`${DAY_NAMES[day]} to`}
                    name={to.name}
                    ref={to.ref}
                    onBlur={to.onBlur}
                    value={to.value === "24:00" ? "23:59" : to.value}
                    onChange={(event) => to.onChange(event.target.value === "23:59" ? "24:00" : event.target.value)}
                    className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
                  />
                )}
              />
              {range.from >= range.to ? (
                <span className="text-xs text-red-600">Must end after it starts</span>
              ) : (
                serverError && <span className="text-xs text-red-600">{serverError}</span>
              )}
              <button
                type="button"
                onClick={() => ranges.remove(index)}
                className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-red-600"
                aria-label={`Remove ${DAY_NAMES[day]} ${range.from}–${range.to}`}
              >
                <Icon name="close" className="h-4 w-4" />
              </button>
            </div>
          );
        })}
      </div>
      <div className="flex gap-1 sm:pt-0.5">
        {open && ranges.fields.length < MAX_RANGES && (
          <Button size="sm" variant="ghost" onClick={() => ranges.append(nextRange(values?.at(-1)))}>
            <Icon name="plus" className="h-4 w-4" /> Hours
          </Button>
        )}
        {day === "mon" && open && (
          <Button size="sm" variant="ghost" onClick={copyToWeekdays} title="Use Monday's hours for Tuesday to Friday">
            Copy to Tue–Fri
          </Button>
        )}
      </div>
    </li>
  );
}
