/**
 * `npm run lint` runs this after eslint: the layout rules of ADR 016–019 that a lint rule per
 * file cannot see (an import circle spans files; an arrow is about folders). Each rule prints
 * what breaks it, one line a place, and the script exits 1 when any rule is broken.
 *
 *   tsx scripts/check-architecture.ts            check
 *   tsx scripts/check-architecture.ts --counts   also print each rule's count when all pass
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const APP = path.join(ROOT, "app");
const SCANNED = ["app", "db", "scripts", "tests", "bench", "server.ts"];
const EXTENSIONS = ["", ".ts", ".tsx", ".js", ".mjs", "/index.ts", "/index.tsx"];

function listFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [full];
  return readdirSync(full, { withFileTypes: true }).flatMap((d) => {
    if (d.name === "node_modules" || d.name.startsWith(".")) return [];
    const rel = path.join(entry, d.name);
    return d.isDirectory() ? listFiles(rel) : /\.(ts|tsx|mjs)$/.test(d.name) ? [path.join(ROOT, rel)] : [];
  });
}

const files = SCANNED.flatMap(listFiles);
const rel = (file: string) => path.relative(ROOT, file);
const source = new Map(files.map((f) => [f, readFileSync(f, "utf8")]));

/** Every module a file imports (static, dynamic with a literal, re-exports), resolved to a file in the repo. */
function importsOf(file: string): string[] {
  const text = source.get(file)!;
  const found: string[] = [];
  const re = /(?:^|[^.\w])(?:import|export)\s[^;'"]*?from\s*["']([^"']+)["']|(?:^|[^.\w])import\s*\(\s*["']([^"']+)["']\s*\)|^import\s+["']([^"']+)["']/gm;
  for (const m of text.matchAll(re)) {
    const spec = m[1] ?? m[2] ?? m[3]!;
    let base: string;
    if (spec.startsWith("~/")) base = path.join(APP, spec.slice(2));
    else if (spec.startsWith(".")) base = path.resolve(path.dirname(file), spec);
    else continue;
    const hit = EXTENSIONS.map((e) => base + e).find((p) => source.has(p));
    if (hit) found.push(hit);
  }
  return found;
}

const graph = new Map(files.map((f) => [f, importsOf(f)]));
const isTest = (f: string) => /\.test\.tsx?$/.test(f) || rel(f).startsWith("tests/");
const under = (f: string, dir: string) => rel(f).startsWith(`${dir}/`);

/** Strongly connected components of more than one file (Tarjan): each is an import circle. */
function circles(): string[][] {
  let index = 0;
  const stack: string[] = [];
  const state = new Map<string, { index: number; low: number; onStack: boolean }>();
  const out: string[][] = [];
  const visit = (v: string) => {
    state.set(v, { index, low: index, onStack: true });
    index++;
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!state.has(w)) {
        visit(w);
        state.get(v)!.low = Math.min(state.get(v)!.low, state.get(w)!.low);
      } else if (state.get(w)!.onStack) {
        state.get(v)!.low = Math.min(state.get(v)!.low, state.get(w)!.index);
      }
    }
    if (state.get(v)!.low === state.get(v)!.index) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        state.get(w)!.onStack = false;
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component);
    }
  };
  for (const f of files) if (!state.has(f)) visit(f);
  return out;
}

function arrows(from: (f: string) => boolean, to: (f: string) => boolean): string[] {
  const out: string[] = [];
  for (const [f, targets] of graph) if (from(f)) for (const t of targets) if (to(t)) out.push(`${rel(f)} → ${rel(t)}`);
  return out;
}

/** Lines of non-test code under `dirs` matching `re`, except in `allowed` files. */
function lines(dirs: string[], re: RegExp, allowed: string[] = []): string[] {
  const out: string[] = [];
  for (const [f, text] of source) {
    if (isTest(f) || !dirs.some((d) => under(f, d)) || allowed.includes(rel(f))) continue;
    text.split("\n").forEach((line, i) => {
      if (re.test(line)) out.push(`${rel(f)}:${i + 1}: ${line.trim().slice(0, 120)}`);
    });
  }
  return out;
}

// Spelled out in pieces so that this file does not match itself.
const OTHER_KEY_NAMES = new RegExp(["request" + "Key", "request" + "_key", "Request" + "Key", 'name="key"', "name=\\{?[\"']key[\"']"].join("|"));

const MONEY_FORMAT = /\b(formatMoney|formatCNY|groupAmount|sidedBalance)\(/;

/** The body of `export async function loader|action` in a route module (braces matched; good enough for our code). */
function exportedBody(text: string, name: "loader" | "action"): { start: number; body: string } | null {
  const at = text.search(new RegExp(`export (async )?function ${name}\\b`));
  if (at < 0) return null;
  const open = text.indexOf("{", text.indexOf(")", at));
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return { start: open, body: text.slice(open, i) };
  }
  return null;
}

/** Money formatted where it should be sent as a decimal string: in a loader or action, or in server-side view shaping. */
function moneyFormattedOffScreen(): string[] {
  const out: string[] = [];
  for (const [f, text] of source) {
    if (isTest(f)) continue;
    if (under(f, "app/routes")) {
      for (const name of ["loader", "action"] as const) {
        const found = exportedBody(text, name);
        if (!found) continue;
        found.body.split("\n").forEach((line, i) => {
          if (MONEY_FORMAT.test(line)) out.push(`${rel(f)}:${text.slice(0, found.start).split("\n").length + i}: (${name}) ${line.trim().slice(0, 100)}`);
        });
      }
    } else if ((under(f, "app/routes-support") || under(f, "app/models")) && f.endsWith(".server.ts")) {
      text.split("\n").forEach((line, i) => {
        if (MONEY_FORMAT.test(line) && !/^\s*(\*|\/\/)/.test(line)) out.push(`${rel(f)}:${i + 1}: ${line.trim().slice(0, 100)}`);
      });
    }
  }
  return out;
}

const rules: { name: string; adr: string; found: string[] }[] = [
  { name: "import circles", adr: "016", found: circles().map((c) => c.map(rel).sort().join(" ⇄ ")) },
  {
    // The schema names the domain's vocabularies (units, owner kinds) in its CHECK constraints;
    // the domain imports nothing, so that arrow makes no circle. Nothing else in app/ is reachable.
    name: "arrows from db/ into app/ (other than the pure domain's vocabularies)",
    adr: "016",
    found: arrows((f) => under(f, "db"), (t) => under(t, "app") && !under(t, "app/domain")),
  },
  {
    name: "models importing utils/, services/, routes-support/, routes/ or components/",
    adr: "016",
    found: arrows((f) => under(f, "app/models"), (t) => ["app/utils", "app/services", "app/routes-support", "app/routes", "app/components"].some((d) => under(t, d))),
  },
  {
    name: "services importing routes/, routes-support/ or components/",
    adr: "016",
    found: arrows((f) => under(f, "app/services"), (t) => ["app/routes", "app/routes-support", "app/components"].some((d) => under(t, d))),
  },
  {
    name: "domain importing anything outside domain/",
    adr: "016",
    found: arrows((f) => under(f, "app/domain") && !isTest(f), (t) => !under(t, "app/domain")),
  },
  {
    name: "instanceof checks in routes (errors go through refuse(), app/routes-support/refusals.server.ts)",
    adr: "017",
    found: lines(["app/routes"], /\binstanceof\s+(?!File\b|Blob\b)[A-Z]/),
  },
  {
    name: "another name for the idempotency key (it is idempotencyKey / idempotency_key everywhere)",
    adr: "018",
    found: [...lines(["app", "db/schema", "scripts", "bench"], OTHER_KEY_NAMES, ["scripts/check-architecture.ts"]), ...lines(["server.ts"], OTHER_KEY_NAMES)],
  },
  {
    name: "toFixed(2) outside the money module (format with formatMoney, serialise with toAmountString)",
    adr: "019",
    found: lines(["app", "db", "scripts"], /\.toFixed\(2\)/, ["app/domain/money.ts"]),
  },
  {
    name: "money formatted in a loader, an action or server-side view shaping (send decimal strings; format in the component)",
    adr: "019",
    found: moneyFormattedOffScreen(),
  },
  {
    name: "UUID patterns outside app/domain/ids.ts (use isUuid or the uuid param)",
    adr: "018",
    found: lines(["app", "db", "scripts"], /\[0-9a-f\]\{8\}/, ["app/domain/ids.ts"]),
  },
];

let broken = 0;
const showCounts = process.argv.includes("--counts");
for (const rule of rules) {
  if (rule.found.length > 0) {
    broken++;
    console.error(`✗ ${rule.found.length} ${rule.name} (ADR ${rule.adr}):`);
    for (const place of rule.found) console.error(`    ${place}`);
  } else if (showCounts) {
    console.log(`✓ 0 ${rule.name}`);
  }
}
if (broken > 0) {
  console.error(`\nThe layout check found ${broken} broken rule(s); see docs/decisions/ for the one way.`);
  process.exitCode = 1;
} else {
  console.log(`layout check: ${rules.length} rules hold over ${files.length} files`);
}
