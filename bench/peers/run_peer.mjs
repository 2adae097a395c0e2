// Runs one peer engine on a workload written by bench/gen_workload.py and prints one
// JSON line of timings on stdout. Used by bench/run-peers.sh.
//
//   node run_peer.mjs eval --engine cedar|jre --dir WORKLOAD --out DECISIONS [--min-ms 1000]
//   node run_peer.mjs load --engine cedar|jre --dir WORKLOAD [--repeat 7]
//
// eval: decides every scenario once (warm-up, and the decisions written to DECISIONS,
// one per line), then decides them again in passes until --min-ms has gone by, timing
// each call. Scenarios are converted to each engine's input objects before timing, so
// neither JSON parsing nor conversion is counted (the same holds for Proviso's
// in-process driver).
// load: parses the policy set --repeat times; the first is cold, the rest are warm.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

function parse_args(argv) {
  const args = { mode: argv[0], engine: '', dir: '', out: '', min_ms: 1000, repeat: 7 };
  for (let i = 1; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '').replace('-', '_');
    if (!(key in args)) throw new Error(`unknown option ${argv[i]}`);
    args[key] = typeof args[key] === 'number' ? Number(argv[i + 1]) : argv[i + 1];
  }
  if (!['eval', 'load'].includes(args.mode) || !['cedar', 'jre'].includes(args.engine) || !args.dir) {
    throw new Error('usage: run_peer.mjs eval|load --engine cedar|jre --dir WORKLOAD [--out FILE]');
  }
  return args;
}

function median(xs) {
  const s = Float64Array.from(xs).sort();
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

function quantile(xs, q) {
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

const now_ns = () => Number(process.hrtime.bigint());

// --- Cedar (wasm): the policy set is parsed once into the module's cache
// (preparsePolicySet) and every request goes through statefulIsAuthorized, the fastest
// API this package offers: no per-call policy parsing.
function cedar_engine() {
  const cedar = require('@cedar-policy/cedar-wasm/nodejs');
  const version = cedar.getCedarSDKVersion();
  const principal = { type: 'User', id: 'officer' };
  const action = { type: 'Action', id: 'share' };
  const resource = { type: 'Flow', id: 'flow' };
  let errors = 0;
  return {
    name: `cedar-wasm ${version}`,
    load(dir) {
      const text = readFileSync(join(dir, 'policy.cedar'), 'utf8');
      return () => {
        const r = cedar.preparsePolicySet('bench', { staticPolicies: text });
        if (r.type !== 'success') throw new Error(`cedar parse: ${JSON.stringify(r.errors).slice(0, 500)}`);
      };
    },
    prepare(facts) {
      return { principal, action, resource, context: facts, entities: [], preparsedPolicySetId: 'bench' };
    },
    decide(call) {
      const r = cedar.statefulIsAuthorized(call);
      if (r.type !== 'success') throw new Error(`cedar: ${JSON.stringify(r.errors).slice(0, 500)}`);
      // An evaluation error would make Cedar skip that policy silently: count them, as
      // they would mean the generated policies are not equivalent.
      errors += r.response.diagnostics.errors.length;
      return r.response.decision === 'allow' ? 'share' : 'deny';
    },
    errors: () => errors,
  };
}

// --- json-rules-engine: one Engine holding every rule; the decision is
// forbid-overrides over the fired events (deny if any deny rule fired, else share if
// any share rule fired, else deny).
function jre_engine() {
  const { Engine } = require('json-rules-engine');
  const version = require('json-rules-engine/package.json').version;
  let engine = null;
  return {
    name: `json-rules-engine ${version}`,
    load(dir) {
      const text = readFileSync(join(dir, 'jre_rules.json'), 'utf8');
      return () => {
        engine = new Engine(JSON.parse(text), { allowUndefinedFacts: false });
      };
    },
    prepare(facts) { return facts; },
    async decide(facts) {
      const { events } = await engine.run(facts);
      let share = false;
      for (const e of events) {
        if (e.type === 'deny') return 'deny';
        if (e.type === 'share') share = true;
      }
      return share ? 'share' : 'deny';
    },
    errors: () => 0,
  };
}

function read_scenarios(dir) {
  const lines = readFileSync(join(dir, 'scenarios.jsonl'), 'utf8').split('\n').filter((l) => l.length);
  return lines.map((l) => JSON.parse(l).facts);
}

async function run_eval(eng, args) {
  const meta = JSON.parse(readFileSync(join(args.dir, 'meta.json'), 'utf8'));
  eng.load(args.dir)();
  const inputs = read_scenarios(args.dir).map((f) => eng.prepare(f));
  const decisions = new Array(inputs.length);
  for (let i = 0; i < inputs.length; ++i) decisions[i] = await eng.decide(inputs[i]);
  if (args.out) writeFileSync(args.out, decisions.join('\n') + '\n');

  const lat = [];
  let count = 0;
  const t0 = now_ns();
  const cpu0 = process.cpuUsage();
  const deadline = t0 + args.min_ms * 1e6;
  do {
    for (let i = 0; i < inputs.length; ++i) {
      const a = now_ns();
      const d = await eng.decide(inputs[i]);
      lat.push(now_ns() - a);
      // Cheap guard that the timed passes decide what the first pass did.
      if (d !== decisions[i]) throw new Error(`scenario ${i + 1}: ${d} then ${decisions[i]}`);
    }
    count += inputs.length;
  } while (now_ns() < deadline);
  const seconds = (now_ns() - t0) / 1e9;
  // CPU time of the whole process (all threads, GC included): with other work on the
  // machine, wall-clock figures drop while this stays put.
  const cpu = process.cpuUsage(cpu0);
  return {
    engine: eng.name, mode: 'eval', rules: meta.rules, facts: meta.facts,
    scenarios: inputs.length, decisions: count, seconds,
    decisions_per_s: count / seconds, cpu_seconds: (cpu.user + cpu.system) / 1e6, median_ns: median(lat), p99_ns: quantile(lat, 0.99),
    evaluation_errors: eng.errors(),
  };
}

function run_load(eng, args) {
  const meta = JSON.parse(readFileSync(join(args.dir, 'meta.json'), 'utf8'));
  const times = [];
  for (let i = 0; i < args.repeat; ++i) {
    const load = eng.load(args.dir);  // reads the file outside the timed part
    const a = now_ns();
    load();
    times.push(now_ns() - a);
  }
  return {
    engine: eng.name, mode: 'load', rules: meta.rules, facts: meta.facts,
    cold_ms: times[0] / 1e6, warm_median_ms: median(times.slice(1)) / 1e6, repeats: times.length,
  };
}

const args = parse_args(process.argv.slice(2));
const eng = args.engine === 'cedar' ? cedar_engine() : jre_engine();
const result = args.mode === 'eval' ? await run_eval(eng, args) : run_load(eng, args);
process.stdout.write(JSON.stringify(result) + '\n');
