/**
 * Finding references between resources in plain template values: `Ref`, `Fn::GetAtt` (list and
 * dotted-string forms), `${Id}` / `${Id.Attr}` inside `Fn::Sub` strings, and SAM connector ids.
 */

export type Path = (string | number)[];

export interface FoundReference {
  /** Logical ID referenced. */
  id: string;
  how: "Ref" | "GetAtt" | "Sub";
  attribute?: string;
  /** Path of the intrinsic (or string) inside the walked value. */
  path: Path;
}

/** Variable names used in a Sub string: `${Name}` and `${Name.Attr}`, skipping `${!Literal}`. */
export function subVariables(template: string): { id: string; attribute?: string }[] {
  const found: { id: string; attribute?: string }[] = [];
  const re = /\$\{([^}!][^}]*)\}/g;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    const name = m[1].trim();
    const dot = name.indexOf(".");
    found.push(dot < 0 ? { id: name } : { id: name.slice(0, dot), attribute: name.slice(dot + 1) });
  }
  return found;
}

/** The GetAtt target and attribute of a `Fn::GetAtt` argument. */
export function getAttParts(arg: unknown): { id: string; attribute?: string } | undefined {
  if (typeof arg === "string") {
    const dot = arg.indexOf(".");
    return dot < 0 ? { id: arg } : { id: arg.slice(0, dot), attribute: arg.slice(dot + 1) };
  }
  if (Array.isArray(arg) && typeof arg[0] === "string") {
    return { id: arg[0], attribute: typeof arg[1] === "string" ? arg[1] : undefined };
  }
  return undefined;
}

/** Every reference in a value, depth first, in document order. */
export function findReferences(value: unknown, base: Path = []): FoundReference[] {
  const out: FoundReference[] = [];
  const walk = (v: unknown, path: Path, subLocals: Set<string>) => {
    if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, [...path, i], subLocals));
      return;
    }
    if (v === null || typeof v !== "object") return;
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length === 1) {
      const [key] = keys;
      const arg = obj[key];
      if (key === "Ref" && typeof arg === "string") {
        out.push({ id: arg, how: "Ref", path });
        return;
      }
      if (key === "Fn::GetAtt") {
        const parts = getAttParts(arg);
        if (parts) out.push({ id: parts.id, how: "GetAtt", attribute: parts.attribute, path });
        if (Array.isArray(arg)) arg.slice(1).forEach((item, i) => walk(item, [...path, key, i + 1], subLocals));
        return;
      }
      if (key === "Fn::Sub") {
        const template = typeof arg === "string" ? arg : Array.isArray(arg) && typeof arg[0] === "string" ? arg[0] : undefined;
        const locals = new Set<string>();
        if (Array.isArray(arg) && arg[1] && typeof arg[1] === "object" && !Array.isArray(arg[1])) {
          for (const name of Object.keys(arg[1] as object)) locals.add(name);
          walk(arg[1], [...path, key, 1], subLocals);
        }
        if (template !== undefined) {
          for (const variable of subVariables(template)) {
            if (!locals.has(variable.id)) out.push({ id: variable.id, how: "Sub", attribute: variable.attribute, path });
          }
        }
        return;
      }
    }
    for (const key of keys) walk(obj[key], [...path, key], subLocals);
  };
  walk(value, base, new Set());
  return out;
}

/** The single resource a value points at (`!Ref X`, `!GetAtt X.Arn`, `!Sub ${X}`…), if exactly one. */
export function referencedId(value: unknown): string | undefined {
  const refs = findReferences(value);
  const ids = new Set(refs.map((r) => r.id));
  return ids.size === 1 ? refs[0].id : undefined;
}

export function isPrefix(prefix: Path, path: Path): boolean {
  return prefix.length <= path.length && prefix.every((key, i) => String(key) === String(path[i]));
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
