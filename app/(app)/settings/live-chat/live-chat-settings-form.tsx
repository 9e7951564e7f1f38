"use client";
// Settings → Live chat: working hours (always open, or a weekly schedule in a time zone) and the
// default block period. react-hook-form; the rules are the server's (liveChatSettingsSchema, server-only),
// whose field errors land here through setServerErrors (workingHours.<day>.<n> → schedule.<day>.<n>).
import { useEffect, useState } from "react";
import { FormProvider, useForm, useWatch, type FieldPath } from "react-hook-form";
import { SaveFooter, useSaved } from "@/components/ui/save-footer";
import { setServerErrors } from "@/components/ui/server-errors";
import { BLOCK_PRESETS, describeMinutes, MAX_BLOCK_MINUTES } from "@/lib/live-chat/block-schemas";
import {
  isWithinWorkingHours,
  isValidTimeZone,
  localWeekdayAndTime,
  WEEKDAYS,
  type WorkingHours,
} from "@/lib/live-chat/working-hours";
import { describeWorkingHours } from "@/lib/live-chat/describe-hours";
import { updateLiveChatSettingsAction } from "./actions";
import { WeeklySchedule } from "./working-hours-fields";

import type { LiveChatFormValues, Schedule } from "./live-chat-form-values";

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

type Settings = { timeZone: string; workingHours: WorkingHours; liveChatBlockDefaultMinutes: number };

function valuesOf(settings: Settings): LiveChatFormValues {
  const minutes = settings.liveChatBlockDefaultMinutes;
  return {
    alwaysOpen: settings.workingHours === null,
    schedule: fullSchedule(settings.workingHours),
    timeZone: settings.timeZone,
    preset: BLOCK_PRESETS.some((p) => p.minutes === minutes) ? String(minutes) : "custom",
    minutes: String(minutes),
  };
}

const blockMinutesOf = (values: Pick<LiveChatFormValues, "preset" | "minutes">) =>
  Number(values.preset === "custom" ? values.minutes : values.preset);

export function LiveChatSettingsForm({ initial, timeZones }: { initial: Settings; timeZones: string[] }) {
  const form = useForm<LiveChatFormValues>({ defaultValues: valuesOf(initial) });
  const { saved, markSaved } = useSaved(form);
  const { register, control, formState } = form;
  const [alwaysOpen, schedule, timeZone, preset, minutes] = useWatch({
    control,
    name: ["alwaysOpen", "schedule", "timeZone", "preset", "minutes"],
  });
  const [now, setNow] = useState<Date | null>(null);

  // "Open now?" is the browser's clock (rendered after hydration, so server and browser agree).
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const zoneValid = isValidTimeZone(timeZone);
  const effective: WorkingHours = alwaysOpen ? null : schedule;
  const minutesNumber = blockMinutesOf({ preset, minutes });

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await updateLiveChatSettingsAction({
      timeZone: values.timeZone.trim(),
      workingHours: values.alwaysOpen ? null : values.schedule,
      liveChatBlockDefaultMinutes: blockMinutesOf(values),
    }).catch(() => null);
    if (!result) return form.setError("root.server", { message: "Something went wrong on our side. Try again." });
    if (!result.ok) {
      return setServerErrors(form, result.error, (path): FieldPath<LiveChatFormValues> | null => {
        if (path === "timeZone") return "timeZone";
        if (path.startsWith("workingHours."))
          return `schedule.${path.slice("workingHours.".length)}` as FieldPath<LiveChatFormValues>;
        if (path === "liveChatBlockDefaultMinutes" && values.preset === "custom") return "minutes";
        return null;
      });
    }
    form.reset(valuesOf(result.data));
    markSaved();
  });

  const timeZoneError = formState.errors.timeZone?.message;
  const minutesError = formState.errors.minutes?.message;
  return (
    <FormProvider {...form}>
      <form className="space-y-6" onSubmit={onSubmit}>
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
                    <span
                      className={isWithinWorkingHours(effective, timeZone, now) ? "text-emerald-700" : "text-amber-700"}
                    >
                      {isWithinWorkingHours(effective, timeZone, now) ? "open now" : "closed now"}
                    </span>{" "}
                    ({localWeekdayAndTime(now, timeZone).time} in {timeZone.replaceAll("_", " ")})
                  </>
                )}
              </p>
            </div>
            <label className="flex cursor-pointer items-center gap-2 text-sm font-medium text-slate-800">
              <input type="checkbox" role="switch" className="peer sr-only" {...register("alwaysOpen")} />
              <span
                aria-hidden="true"
                className={[
                  "relative h-5 w-9 rounded-full bg-slate-300 transition",
                  "peer-checked:bg-brand-600 peer-focus-visible:ring-2",
                  "peer-focus-visible:ring-brand-500 peer-focus-visible:ring-offset-2",
                  "after:absolute after:left-0.5 after:top-0.5 after:h-4 after:w-4",
                  "after:rounded-full after:bg-white after:shadow after:transition",
                  "peer-checked:after:translate-x-4",
                ].join(" ")}
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
                aria-invalid={!zoneValid || Boolean(timeZoneError) || undefined}
                aria-describedby="time-zone-hint"
                autoComplete="off"
                spellCheck={false}
                className={[
                  "mt-1.5 block w-full rounded-md border border-slate-300 px-3 py-2",
                  "text-sm focus:border-brand-500 focus:outline-none",
                  "aria-invalid:border-red-400",
                ].join(" ")}
                {...register("timeZone")}
              />
              <datalist id="time-zone-options">
                {timeZones.map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
              <p
                id="time-zone-hint"
                className={`mt-1 text-xs ${zoneValid && !timeZoneError ? "text-slate-500" : "text-red-600"}`}
              >
                {!zoneValid
                  ? "Not a known time zone: pick one from the list."
                  : timeZoneError
                    ? `The time zone ${timeZoneError}.`
                    : "An IANA time zone, e.g. Europe/London or America/New_York. The hours below are in this zone."}
              </p>
            </div>
          </div>

          {!alwaysOpen && <WeeklySchedule />}
        </fieldset>

        <fieldset className="rounded-lg border border-slate-200 bg-white px-4 py-3">
          <legend className="sr-only">Default block period</legend>
          <h3 className="font-medium text-slate-900">Default block period</h3>
          <p className="text-sm text-slate-600">
            What the “Block from live chat” dialogs pre-select. Chatbot flows that omit{" "}
            <code className="rounded bg-slate-100 px-1 text-xs">BlockIntervalMinutes</code> always get 1440 (24 hours).
          </p>
          <div className="mt-3 flex flex-wrap items-center gap-2">
            <label htmlFor="default-block" className="sr-only">
              Default block period
            </label>
            <select
              id="default-block"
              className="rounded-md border border-slate-300 bg-white py-2 pl-3 pr-8 text-sm"
              {...register("preset", {
                onChange: (event) => event.target.value !== "custom" && form.setValue("minutes", event.target.value),
              })}
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
                  className="w-28 rounded-md border border-slate-300 px-3 py-2 text-sm"
                  {...register("minutes")}
                />
                <span className="text-sm text-slate-600">
                  minutes
                  {Number.isInteger(minutesNumber) && minutesNumber >= 1 && minutesNumber <= MAX_BLOCK_MINUTES
                    ? ` (${describeMinutes(minutesNumber)})`
                    : ""}
                </span>
              </>
            )}
          </div>
          {minutesError && <p className="mt-1 text-xs text-red-600">The period {minutesError}.</p>}
        </fieldset>

        <SaveFooter control={control} saved={saved} label="Save live-chat settings" disabled={!zoneValid} />
      </form>
    </FormProvider>
  );
}
