/**
 * The inspector: for one resource, a form generated from its catalog card (types, choices,
 * required marks, defaults, docs); for a wire, what it adds to the template and why, and its
 * settings. Every change is a core operation (`setProperty`, `updateConnection`…), so it shows
 * in the template view at once and can be undone.
 */
import { memo, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { UsageFields } from "../cost/UsageFields";
import { cardFor, docsForType, type EditableProperty } from "../../core/catalog";
import type { Connection, Resource } from "../../core/model/types";
import { ResourceIcon } from "../canvas/icons";
import { resourceIndex } from "../canvas/hooks";
import { connectResources, deleteSelection, renameResource } from "../canvas/actions";
import { useStore } from "../store";
import { isRefusal } from "../store/history-slice";
import { keyLineAt, parseTemplate } from "../../core/template/parse";
import { revealTemplateLine } from "../template-view";
import { loadCloudFormationSpec, specProperties } from "./spec-fields";
import { connectionOptions } from "../../core";
import { isFunctionResource } from "../../core/code";
import { displayValue, isIntrinsic, parseFieldInput, parseSettingInput, settingFields, valueAt, type SettingField } from "./fields";
import "./inspector.css";

export const Inspector = memo(function Inspector() {
  const selectedIds = useStore((s) => s.selectedIds);
  const selectedWire = useStore((s) => s.selectedWire);
  const inspectRequest = useStore((s) => s.inspectRequest);
  const root = useRef<HTMLDivElement>(null);

  // Enter on a node: move the keyboard into the inspector's first field.
  useEffect(() => {
    if (inspectRequest === 0) return;
    // The field a problem points at, when there is one; else the first field.
    requestAnimationFrame(() =>
      (
        root.current?.querySelector<HTMLElement>(".ff-field--highlight input, .ff-field--highlight select, .ff-field--highlight textarea") ??
        root.current?.querySelector<HTMLElement>("input, select, textarea, button")
      )?.focus(),
    );
  }, [inspectRequest]);

  let body: ReactNode;
  if (selectedWire) body = <WireInspector connectionId={selectedWire} />;
  else if (selectedIds.length === 1) body = <ResourceInspector key={selectedIds[0]} id={selectedIds[0]} />;
  else if (selectedIds.length > 1) body = <MultiInspector count={selectedIds.length} />;
  else body = <ProjectSummary />;
  return (
    <div className="ff-inspector" ref={root}>
      {body}
    </div>
  );
});

function ProjectSummary() {
  const model = useStore((s) => s.lastGoodModel);
  if (!model) return <p className="ff-inspector__hint">Nothing to inspect yet.</p>;
  return (
    <div>
      <h2 className="ff-inspector__title">Template</h2>
      {model.description && <p>{model.description}</p>}
      <dl className="ff-inspector__facts">
        <dt>Format</dt>
        <dd>{model.isSam ? "AWS SAM" : "CloudFormation"} ({model.format.toUpperCase()})</dd>
        <dt>Resources</dt>
        <dd>{model.resources.filter((r) => !r.implicit).length}</dd>
        <dt>Wires</dt>
        <dd>{model.connections.length}</dd>
        {model.parameters.length > 0 && (
          <>
            <dt>Parameters</dt>
            <dd>{model.parameters.map((p) => p.name).join(", ")}</dd>
          </>
        )}
      </dl>
      <p className="ff-inspector__hint">Select a resource or a wire to see and change its settings.</p>
    </div>
  );
}

function MultiInspector({ count }: { count: number }) {
  return (
    <div>
      <h2 className="ff-inspector__title">{count} resources selected</h2>
      <p className="ff-inspector__hint">Drag to move them together; Ctrl+C / Ctrl+V copies them, Ctrl+D duplicates.</p>
      <button type="button" onClick={() => deleteSelection()}>
        Delete {count} resources
      </button>
    </div>
  );
}

const NO_RESOURCES: Resource[] = [];

function useConnectionsOf(id: string): Connection[] {
  const model = useStore((s) => s.lastGoodModel);
  return model ? model.connections.filter((c) => c.from === id || c.to === id) : [];
}

function ResourceInspector({ id }: { id: string }) {
  const resource = useStore((s) => (s.lastGoodModel ? resourceIndex(s.lastGoodModel).get(id) : undefined));
  const wires = useConnectionsOf(id);
  const others = useStore((s) => s.lastGoodModel?.resources ?? NO_RESOURCES);
  const focused = useStore((s) => s.focusedField);
  if (!resource) return <p className="ff-inspector__hint">{id} is no longer in the template.</p>;
  const card = cardFor(resource.kind);
  const known = new Set(card.properties.map((p) => p.path[0]));
  const extra = Object.keys(resource.properties).filter((k) => !known.has(k));
  return (
    <div>
      <div className="ff-inspector__head">
        <ResourceIcon icon={card.icon} category={card.category} size={36} />
        <div>
          <h2 className="ff-inspector__title">{resource.id}</h2>
          <div className="ff-inspector__type">
            {resource.type}{" "}
            <a href={docsForType(resource.type)} target="_blank" rel="noreferrer">
              docs
            </a>
          </div>
          {isFunctionResource(resource) && !resource.implicit && (
            <button type="button" onClick={() => void useStore.getState().openFunctionCode(resource.id)}>
              Edit code
            </button>
          )}
        </div>
      </div>
      {resource.implicit ? (
        <p className="ff-inspector__hint">{resource.implicit.reason}. It is defined by {resource.implicit.owner}.</p>
      ) : (
        <>
          <RenameRow id={resource.id} />
          {card.properties.length > 0 && (
            <fieldset className="ff-inspector__form">
              <legend>Properties</legend>
              {card.properties.map((p) => (
                <PropertyField
                  key={p.path.join(".")}
                  resource={resource}
                  property={p}
                  highlight={focused?.resource === id && focused.path.join(".").includes(p.path.join("."))}
                />
              ))}
            </fieldset>
          )}
          {card.properties.length === 0 && <SpecPropertyFields resource={resource} focused={focused?.resource === id ? focused.path : null} />}
          {card.properties.length > 0 && extra.length > 0 && (
            <details className="ff-inspector__extra">
              <summary>Other properties ({extra.length})</summary>
              <p className="ff-inspector__hint">Edit these in the template view.</p>
              <pre>{JSON.stringify(Object.fromEntries(extra.map((k) => [k, resource.properties[k]])), null, 2)}</pre>
            </details>
          )}
        </>
      )}
      <section className="ff-inspector__section" aria-label="Wires">
        <h3>Wires</h3>
        {wires.length === 0 && <p className="ff-inspector__hint">No wires yet. Drag from a handle, or connect below.</p>}
        <ul className="ff-inspector__wires">
          {wires.map((c) => (
            <li key={c.id}>
              <button type="button" className="link" onClick={() => useStore.getState().selectWire(c.id)}>
                {c.from === id ? `→ ${c.to}` : `← ${c.from}`} <span className="ff-inspector__muted">{c.kind}{c.label ? ` · ${c.label}` : ""}</span>
              </button>
            </li>
          ))}
        </ul>
        {!resource.implicit && <ConnectRow id={id} others={others.filter((r) => r.id !== id)} />}
      </section>
      <UsageSlot id={id} />
      {!resource.implicit && (
        <div className="ff-inspector__actions">
          <button type="button" onClick={() => deleteSelection()}>
            Delete {resource.id}
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * A resource without a catalog card: its fields from the CloudFormation spec. Properties that are
 * set or required are shown; the rest are one click away.
 */
function SpecPropertyFields({ resource, focused }: { resource: Resource; focused: (string | number)[] | null }) {
  const [fields, setFields] = useState<EditableProperty[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    loadCloudFormationSpec()
      .then((spec) => live && setFields(specProperties(spec, resource.type)))
      .catch((e: Error) => live && setFailed(e.message));
    return () => {
      live = false;
    };
  }, [resource.type]);
  if (failed) return <p className="ff-field__error">The resource specification could not be loaded: {failed}</p>;
  if (!fields) return <p className="ff-inspector__hint">Loading the fields of {resource.type}…</p>;
  if (fields.length === 0) return <p className="ff-inspector__hint">{resource.type} is not in the CloudFormation specification; edit it in the template view.</p>;
  const main = fields.filter((f) => f.required || resource.properties[f.path[0]] !== undefined || focused?.includes(f.path[0]));
  const more = fields.filter((f) => !main.includes(f));
  const field = (p: EditableProperty) => (
    <PropertyField key={p.path.join(".")} resource={resource} property={p} highlight={Boolean(focused?.join(".").includes(p.path.join(".")))} />
  );
  return (
    <fieldset className="ff-inspector__form">
      <legend>Properties</legend>
      {main.map(field)}
      {more.length > 0 && (
        <details className="ff-inspector__extra">
          <summary>More properties ({more.length})</summary>
          {more.map(field)}
        </details>
      )}
    </fieldset>
  );
}

/** The cost feature's usage fields (traffic, duration, sizes) for this resource. */
function UsageSlot({ id }: { id: string }) {
  return <UsageFields target={{ resource: id }} />;
}

function RenameRow({ id }: { id: string }) {
  const [value, setValue] = useState(id);
  useEffect(() => setValue(id), [id]);
  const submit = (el: HTMLElement) => {
    const r = el.getBoundingClientRect();
    if (value.trim() && value.trim() !== id) renameResource(id, value.trim(), { x: r.left, y: r.bottom });
  };
  return (
    <div className="ff-field">
      <label htmlFor="ff-rename">Logical ID</label>
      <div className="ff-field__row">
        <input
          id="ff-rename"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") submit(e.currentTarget);
          }}
        />
        <button type="button" onClick={(e) => submit(e.currentTarget)} disabled={value.trim() === id || !value.trim()}>
          Rename
        </button>
      </div>
      <div className="ff-field__help">Every !Ref, !GetAtt and !Sub that names it is updated too.</div>
    </div>
  );
}

function ConnectRow({ id, others }: { id: string; others: Resource[] }) {
  const [target, setTarget] = useState("");
  const [direction, setDirection] = useState<"to" | "from">("to");
  const [choice, setChoice] = useState(0);
  const model = useStore((s) => s.lastGoodModel);
  const from = direction === "to" ? id : target;
  const to = direction === "to" ? target : id;
  // The kinds of wire this pair can be (a function → queue: send access, or on-failure destination).
  const options = useMemo(() => (model && target ? connectionOptions(model, from, to) : []), [model, target, from, to]);
  useEffect(() => setChoice(0), [target, direction]);
  return (
    <div className="ff-field">
      <label htmlFor="ff-connect-target">Connect</label>
      <div className="ff-field__row">
        <select aria-label="Direction" value={direction} onChange={(e) => setDirection(e.target.value as "to" | "from")}>
          <option value="to">{id} →</option>
          <option value="from">→ {id}</option>
        </select>
        <select id="ff-connect-target" aria-label="Connect with" value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">Choose a resource…</option>
          {others
            .filter((r) => !r.implicit || direction === "from")
            .map((r) => (
              <option key={r.id} value={r.id}>
                {r.id}
              </option>
            ))}
        </select>
        <button
          type="button"
          disabled={!target}
          onClick={(e) => {
            const r = e.currentTarget.getBoundingClientRect();
            const ok = connectResources(from, to, { x: r.left, y: r.bottom }, options[choice]?.settings);
            if (ok) setTarget("");
          }}
        >
          Connect
        </button>
      </div>
      {options.length > 1 && (
        <select aria-label="Kind of wire" className="ff-connect-kind" value={choice} onChange={(e) => setChoice(Number(e.target.value))}>
          {options.map((o, i) => (
            <option key={`${o.rule}:${o.label}`} value={i}>
              {o.label} ({o.rule})
            </option>
          ))}
        </select>
      )}
      {target && options.length === 0 && <div className="ff-field__help">Flowform has no wire for this pair; Connect says why.</div>}
    </div>
  );
}

function fieldId(resource: string, path: readonly string[]): string {
  return `ff-prop-${resource}-${path.join("-")}`;
}

function PropertyField({ resource, property, highlight }: { resource: Resource; property: EditableProperty; highlight: boolean }) {
  const current = valueAt(resource.properties, property.path);
  const shown = displayValue(property, current);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement>(null);
  useEffect(() => {
    setText(shown);
    setError(null);
  }, [shown]);
  useEffect(() => {
    if (highlight) ref.current?.focus();
  }, [highlight]);
  const id = fieldId(resource.id, property.path);
  const intrinsic = isIntrinsic(current);

  const commit = (value: string) => {
    if (value === shown) return;
    const parsed = parseFieldInput(property, value, current);
    if ("error" in parsed) {
      setError(parsed.error);
      return;
    }
    setError(null);
    const s = useStore.getState();
    const result =
      "remove" in parsed
        ? current === undefined
          ? null
          : s.runOperation({ op: "removeProperty", id: resource.id, path: ["Properties", ...property.path] }, "inspector")
        : s.runOperation({ op: "setProperty", id: resource.id, path: ["Properties", ...property.path], value: parsed.value }, "inspector");
    if (result && isRefusal(result)) setError(result.reason);
  };

  const defaultText = property.default !== undefined ? `default: ${typeof property.default === "object" ? JSON.stringify(property.default) : String(property.default)}` : undefined;
  let control: ReactNode;
  if (intrinsic) {
    control = <input id={id} ref={ref} value={shown} readOnly aria-describedby={`${id}-help`} />;
  } else if (property.type === "enum") {
    control = (
      <select
        id={id}
        ref={ref}
        value={text}
        required={property.required}
        onChange={(e) => {
          setText(e.target.value);
          commit(e.target.value);
        }}
      >
        <option value="">{defaultText ? `(${defaultText})` : "(not set)"}</option>
        {property.enum?.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
        {text && !property.enum?.includes(text) && <option value={text}>{text}</option>}
      </select>
    );
  } else if (property.type === "boolean") {
    control = (
      <select
        id={id}
        ref={ref}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          commit(e.target.value);
        }}
      >
        <option value="">{defaultText ? `(${defaultText})` : "(not set)"}</option>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  } else if (property.type === "map" || property.type === "json" || property.type === "list") {
    control = (
      <textarea
        id={id}
        ref={ref}
        value={text}
        rows={Math.min(8, Math.max(2, text.split("\n").length))}
        spellCheck={false}
        placeholder={property.type === "list" ? "one, two" : "{ }"}
        onChange={(e) => setText(e.target.value)}
        onBlur={(e) => commit(e.target.value)}
      />
    );
  } else {
    control = (
      <input
        id={id}
        ref={ref}
        type={property.type === "number" ? "number" : "text"}
        value={text}
        min={property.min}
        max={property.max}
        required={property.required}
        placeholder={defaultText}
        onChange={(e) => setText(e.target.value)}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit(e.currentTarget.value);
        }}
      />
    );
  }
  return (
    <div className={`ff-field${highlight ? " ff-field--highlight" : ""}`}>
      <label htmlFor={id}>
        {property.label}
        {property.required && (
          <span className="ff-field__required" aria-label="required">
            {" "}*
          </span>
        )}
        {property.docs && (
          <a className="ff-field__docs" href={property.docs} target="_blank" rel="noreferrer" aria-label={`${property.label} documentation`}>
            ?
          </a>
        )}
      </label>
      {control}
      {(property.help || intrinsic) && (
        <div className="ff-field__help" id={`${id}-help`}>
          {intrinsic ? "Computed by an intrinsic function; edit it in the template view." : property.help}
        </div>
      )}
      {error && (
        <div className="ff-field__error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

/** Open the template view at the line where a wire wrote something. */
function showInTemplate(resource: string, path: (string | number)[]): void {
  const s = useStore.getState();
  const { parsed } = parseTemplate(s.templateText, s.project?.templateFile);
  const line = parsed ? keyLineAt(parsed, ["Resources", resource, ...path]) ?? keyLineAt(parsed, ["Resources", resource]) : undefined;
  if (!line) return;
  if (!s.panels.bottom) s.togglePanel("bottom");
  s.setBottomTab("template");
  requestAnimationFrame(() => revealTemplateLine(line));
}

function WireInspector({ connectionId }: { connectionId: string }) {
  const connection = useStore((s) => s.lastGoodModel?.connections.find((c) => c.id === connectionId));
  if (!connection) return <p className="ff-inspector__hint">This wire is no longer in the template.</p>;
  const fields = settingFields(connection.settings);
  return (
    <div>
      <h2 className="ff-inspector__title">
        {connection.from} → {connection.to}
      </h2>
      <div className="ff-inspector__type">
        {connection.kind} wire{connection.label ? ` · ${connection.label}` : ""} · rule {connection.rule}
      </div>
      <section className="ff-inspector__section" aria-label="What this wire adds">
        <h3>What it adds</h3>
        <p>{connection.summary}</p>
        <h3>Why</h3>
        <p>{connection.why}</p>
        {connection.writes.length > 0 && (
          <>
            <h3>Written in the template</h3>
            <ul className="ff-inspector__writes">
              {connection.writes.map((w, i) => (
                <li key={i}>
                  <button type="button" className="link" onClick={() => showInTemplate(w.resource, w.path)} title="Show it in the template view">
                    {w.description}
                  </button>
                  <code>{[w.resource, ...w.path].join(".")}</code>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <UsageFields target={{ connection: connection.id }} />
      {fields.length > 0 && (
        <fieldset className="ff-inspector__form">
          <legend>Settings</legend>
          {fields.map((f) => (
            <SettingInput key={f.key} connection={connection} field={f} />
          ))}
        </fieldset>
      )}
      <div className="ff-inspector__actions">
        <button
          type="button"
          onClick={() => {
            const result = useStore.getState().runOperation({ op: "disconnect", connectionId: connection.id }, "inspector");
            if (isRefusal(result)) useStore.getState().setStatus(result.reason, "error");
            else useStore.getState().clearSelection();
          }}
        >
          Remove wire
        </button>
      </div>
    </div>
  );
}

function SettingInput({ connection, field }: { connection: Connection; field: SettingField }) {
  const value = connection.settings[field.key];
  const shown = value === undefined ? "" : typeof value === "object" ? (isIntrinsic(value) ? JSON.stringify(value) : JSON.stringify(value, null, 2)) : String(value);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(shown);
    setError(null);
  }, [shown]);
  const id = `ff-setting-${field.key}`;
  const commit = (next: string) => {
    if (next === shown) return;
    const parsed = parseSettingInput(field, next);
    if ("error" in parsed) {
      setError(parsed.error);
      return;
    }
    const result = useStore.getState().runOperation({ op: "updateConnection", connectionId: connection.id, settings: { [field.key]: parsed.value } }, "inspector");
    if (isRefusal(result)) setError(result.reason);
    else {
      setError(null);
      // The wire's id can change with its settings (it is derived from what it writes): follow it.
      const model = useStore.getState().lastGoodModel;
      if (model && !model.connections.some((c) => c.id === connection.id)) {
        const same = model.connections.find((c) => c.from === connection.from && c.to === connection.to && c.rule === connection.rule);
        if (same) useStore.getState().selectWire(same.id);
      }
    }
  };
  let control: ReactNode;
  if (field.type === "readonly") control = <input id={id} value={shown} readOnly />;
  else if (field.type === "enum" || field.type === "boolean") {
    // Keep the template's own spelling: SAM accepts `get` as well as `GET`.
    const lower = typeof value === "string" && value !== "" && value === value.toLowerCase();
    const options = field.type === "boolean" ? ["true", "false"] : (field.options ?? []).map((o) => (lower && field.key === "method" ? o.toLowerCase() : o));
    control = (
      <select id={id} value={text} onChange={(e) => { setText(e.target.value); commit(e.target.value); }}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
        {text && !options.includes(text) && <option value={text}>{text}</option>}
      </select>
    );
  } else if (field.type === "json") {
    control = <textarea id={id} value={text} rows={4} spellCheck={false} onChange={(e) => setText(e.target.value)} onBlur={(e) => commit(e.target.value)} />;
  } else {
    control = (
      <input
        id={id}
        type={field.type === "number" ? "number" : "text"}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit(e.currentTarget.value);
        }}
      />
    );
  }
  return (
    <div className="ff-field">
      <label htmlFor={id}>{field.label}</label>
      {control}
      {error && (
        <div className="ff-field__error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
