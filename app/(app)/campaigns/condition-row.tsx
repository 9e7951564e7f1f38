"use client";
// One condition of the audience builder, bound to the editor's form (audience.<index>.*).
import { ChannelOptions } from "@/components/channel-options";
import { useFormContext, useWatch } from "react-hook-form";
import { TRAIT_TYPES, type TraitType } from "@/lib/contacts/traits";
import { TRAIT_OPS_BY_TYPE, type TraitOp } from "@/lib/campaigns/audience-conditions";
import { Select, TextInput } from "@/components/ui/field";
import { Icon } from "@/components/icons";
import { describeRowProblem, needsValue, type CampaignFormValues, type RowKind } from "./audience-rows";
import { CHANNEL_ICONS } from "./campaign-ui";

const KIND_OPTIONS: Record<RowKind, string> = { channel: "Channel", trait: "Trait", authenticated: "Sign-in" };
const TYPE_LABELS: Record<TraitType, string> = { text: "Text", number: "Number", date: "Date", boolean: "Yes / no" };
const OP_LABELS: Record<TraitType, Partial<Record<TraitOp, string>>> = {
  text: { eq: "is", neq: "is not", contains: "contains", exists: "is set", not_exists: "is not set" },
  number: { eq: "=", neq: "≠", gt: ">", gte: "≥", lt: "<", lte: "≤", exists: "is set", not_exists: "is not set" },
  date: {
    eq: "is on",
    neq: "is not on",
    gt: "is after",
    gte: "is on or after",
    lt: "is before",
    lte: "is on or before",
    exists: "is set",
    not_exists: "is not set",
  },
  boolean: { eq: "is", neq: "is not", exists: "is set", not_exists: "is not set" },
};

const ROW_FIELDS = ["kind", "channelOp", "channel", "key", "type", "op", "value", "authenticated"] as const;

export function ConditionRow({
  index,
  rowId,
  traitKeys,
  onRemove,
}: {
  index: number;
  /** Stable across removals (useFieldArray's id), for element ids. */
  rowId: string;
  traitKeys: Array<{ key: string; type: TraitType }>;
  onRemove(): void;
}) {
  const { register, setValue, getValues, control, formState } = useFormContext<CampaignFormValues>();
  const row = useWatch({ control, name: `audience.${index}` });
  const rowErrors = formState.errors.audience?.[index];
  const failedField = ROW_FIELDS.find((field) => rowErrors?.[field]?.message);
  const problem =
    rowErrors?.message ??
    (failedField ? describeRowProblem(failedField, rowErrors![failedField]!.message!) : undefined);
  const error = problem && problem[0]!.toUpperCase() + problem.slice(1);
  const n = index + 1;
  const id = (part: string) => `condition-${rowId}-${part}`;
  const path = <K extends keyof CampaignFormValues["audience"][number]>(field: K) =>
    `audience.${index}.${field}` as const;

  /** A changed type keeps only what still fits: the comparison if the type offers it, a value of the new type. */
  function typeChanged(type: TraitType, previous: TraitType) {
    if (!TRAIT_OPS_BY_TYPE[type].includes(getValues(path("op")))) setValue(path("op"), "eq");
    if (type !== previous) setValue(path("value"), type === "boolean" ? "true" : "");
  }

  const typeField = register(path("type"), {
    onChange: (event) => typeChanged(event.target.value as TraitType, row.type),
  });
  const keyField = register(path("key"), {
    // A known trait name brings its type along.
    onChange: (event) => {
      const known = traitKeys.find((t) => t.key === String(event.target.value).trim());
      const previous = getValues(path("type"));
      if (known && known.type !== previous) {
        setValue(path("type"), known.type);
        typeChanged(known.type, previous);
      }
    },
  });

  return (
    <div
      className={`rounded-lg border bg-slate-50 p-2 ${error ? "border-red-300" : "border-slate-200"}`}
      data-testid={`condition-${n}`}
    >
      <div className="flex items-start gap-2">
        <div className="flex min-w-0 flex-1 flex-wrap items-center gap-2">
          <label htmlFor={id("kind")} className="sr-only">
            Condition {n}: what to check
          </label>
          <Select id={id("kind")} className="w-auto! min-w-28 flex-none" {...register(path("kind"))}>
            {(Object.keys(KIND_OPTIONS) as RowKind[]).map((kind) => (
              <option key={kind} value={kind}>
                {KIND_OPTIONS[kind]}
              </option>
            ))}
          </Select>

          {row.kind === "channel" && (
            <>
              <label htmlFor={id("channel-op")} className="sr-only">
                Condition {n}: comparison
              </label>
              <Select id={id("channel-op")} className="w-auto! flex-none" {...register(path("channelOp"))}>
                <option value="eq">is</option>
                <option value="neq">is not</option>
              </Select>
              <label htmlFor={id("channel")} className="sr-only">
                Condition {n}: channel
              </label>
              <span className="flex min-w-40 flex-1 items-center gap-2">
                <Icon name={CHANNEL_ICONS[row.channel]} className="h-5 w-5 shrink-0 text-slate-500" />
                <Select id={id("channel")} {...register(path("channel"))}>
                  <ChannelOptions />
                </Select>
              </span>
            </>
          )}

          {row.kind === "authenticated" && (
            <>
              <label htmlFor={id("authenticated")} className="sr-only">
                Condition {n}: sign-in status
              </label>
              <Select
                id={id("authenticated")}
                className="min-w-48 flex-1"
                {...register(path("authenticated"), { setValueAs: (value) => value === true || value === "true" })}
              >
                <option value="true">is a signed-in user</option>
                <option value="false">is anonymous</option>
              </Select>
            </>
          )}

          {row.kind === "trait" && (
            <>
              <label htmlFor={id("key")} className="sr-only">
                Condition {n}: trait name
              </label>
              <TextInput
                id={id("key")}
                list={traitKeys.length ? "campaign-trait-keys" : undefined}
                placeholder="Trait, e.g. plan"
                maxLength={64}
                className="min-w-40 flex-[1_1_10rem]"
                {...keyField}
              />
              {/* The comparison and value wrap together onto a line of their own unless the row is wide
                  enough for all: squeezed onto one line, the name and value were too narrow to read. */}
              <span className="flex min-w-0 flex-[1_1_22rem] flex-wrap items-center gap-2">
                <label htmlFor={id("type")} className="sr-only">
                  Condition {n}: compare as
                </label>
                <Select id={id("type")} className="w-auto! flex-none" {...typeField}>
                  {TRAIT_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {TYPE_LABELS[type]}
                    </option>
                  ))}
                </Select>
                <label htmlFor={id("op")} className="sr-only">
                  Condition {n}: comparison
                </label>
                <Select id={id("op")} className="w-auto! flex-none" {...register(path("op"))}>
                  {TRAIT_OPS_BY_TYPE[row.type].map((op) => (
                    <option key={op} value={op}>
                      {OP_LABELS[row.type][op]}
                    </option>
                  ))}
                </Select>
                {needsValue(row.op) && (
                  <ValueInput type={row.type} n={n} id={id("value")} field={register(path("value"))} />
                )}
              </span>
            </>
          )}
        </div>
        <button
          type="button"
          onClick={onRemove}
          aria-label={`Remove condition ${n}`}
          title="Remove condition"
          className="shrink-0 rounded-md p-2.5 text-slate-500 hover:bg-slate-200 hover:text-slate-800"
        >
          <Icon name="close" className="h-4 w-4" />
        </button>
      </div>
      {error && (
        <p className="mt-1.5 px-1 text-xs text-red-600" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function ValueInput({
  type,
  n,
  id,
  field,
}: {
  type: TraitType;
  n: number;
  id: string;
  field: ReturnType<ReturnType<typeof useFormContext<CampaignFormValues>>["register"]>;
}) {
  const label = (
    <label htmlFor={id} className="sr-only">
      Condition {n}: value
    </label>
  );
  if (type === "boolean") {
    return (
      <>
        {label}
        <Select id={id} className="w-auto! flex-none" {...field}>
          <option value="true">Yes</option>
          <option value="false">No</option>
        </Select>
      </>
    );
  }
  return (
    <>
      {label}
      <TextInput
        id={id}
        type={type === "number" ? "number" : type === "date" ? "date" : "text"}
        inputMode={type === "number" ? "decimal" : undefined}
        step={type === "number" ? "any" : undefined}
        placeholder={type === "text" ? "Value, e.g. pro" : undefined}
        className="min-w-32 flex-1 basis-32"
        {...field}
      />
    </>
  );
}
