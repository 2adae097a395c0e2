// Tokenizes sample.proviso with the TextMate grammar of editors/vscode, as VS Code does
// (vscode-textmate with the Oniguruma engine), and compares every token and its scopes
// with sample.tokens; then checks that each token class of the grammar is met on the
// word it is meant for. UPDATE=1 rewrites sample.tokens (read the diff before
// committing).
const fs = require("fs");
const path = require("path");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const here = __dirname;
const grammarPath = path.join(here, "..", "vscode", "syntaxes", "proviso.tmLanguage.json");

async function main() {
  const wasm = fs.readFileSync(path.join(here, "node_modules", "vscode-oniguruma", "release", "onig.wasm")).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new oniguruma.OnigScanner(p),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) =>
      scope === "source.proviso" ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, "utf8"), grammarPath) : null,
  });
  const grammar = await registry.loadGrammar("source.proviso");
  const lines = fs.readFileSync(path.join(here, "sample.proviso"), "utf8").split("\n");
  let stack = vsctm.INITIAL;
  const out = [];
  const tokens = [];  // {text, scope}
  lines.forEach((line, n) => {
    const r = grammar.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      const text = line.substring(t.startIndex, t.endIndex);
      if (!text.trim()) continue;
      const scope = t.scopes.slice(1).join(" ") || "-";
      out.push(`${n + 1}:${t.startIndex + 1} ${JSON.stringify(text)} ${scope}`);
      tokens.push({ text, scope });
    }
    stack = r.ruleStack;
  });
  const goldenPath = path.join(here, "sample.tokens");
  const actual = out.join("\n") + "\n";
  let failures = 0;
  if (process.env.UPDATE === "1") {
    fs.writeFileSync(goldenPath, actual);
    console.log(`wrote ${goldenPath}`);
  } else if (!fs.existsSync(goldenPath) || fs.readFileSync(goldenPath, "utf8") !== actual) {
    const expected = fs.existsSync(goldenPath) ? fs.readFileSync(goldenPath, "utf8").split("\n") : [];
    const got = actual.split("\n");
    for (let i = 0; i < Math.max(expected.length, got.length); i++) {
      if (expected[i] !== got[i]) {
        console.log(`FAIL sample.tokens line ${i + 1}\n  expected: ${expected[i]}\n  actual:   ${got[i]}`);
        failures++;
        if (failures > 10) break;
      }
    }
  }
  // Each class of the grammar, on a word it must colour.
  const classes = [
    ["#", "punctuation.definition.comment.proviso"],
    [" A sample with every token class of the grammar (see grammar_test.js).", "comment.line.number-sign.proviso"],
    ["vocab.proviso", "string.quoted.double.proviso"],
    ['\\"', "constant.character.escape.proviso"],
    ["\\t", "constant.character.escape.proviso"],
    ["10_000", "constant.numeric.integer.proviso"],
    ["-1_000", "constant.numeric.integer.proviso"],
    ["import", "keyword.declaration.proviso"],
    ["fact", "keyword.declaration.fact.proviso"],
    ["data.kinds", "variable.other.fact.proviso"],
    ["big", "entity.name.function.condition.proviso"],
    ["send", "entity.name.function.rule.proviso"],
    ["referrals", "entity.name.namespace.policy.proviso"],
    ["consent_answer", "entity.name.type.proviso"],
    ["minimise", "entity.name.tag.proviso"],
    ["share", "constant.language.effect.proviso"],
    ["undetermined", "constant.language.effect.proviso"],
    ["when", "keyword.other.clause.proviso"],
    ["overrides", "keyword.other.clause.proviso"],
    ["and", "keyword.operator.logical.proviso"],
    ["not", "keyword.operator.logical.proviso"],
    ["true", "constant.language.boolean.proviso"],
    ["strictest", "constant.language.combine.proviso"],
    ["int", "storage.type.proviso"],
    ["from", "variable.language.flow.proviso"],
    [">=", "keyword.operator.proviso"],
    ["{", "punctuation.section.braces.proviso"],
    ["(", "punctuation.section.parens.proviso"],
    ["dpb.q1", "variable.other.name.proviso"],
  ];
  for (const [text, scope] of classes) {
    const hit = tokens.find((t) => t.text === text && t.scope.split(" ").includes(scope));
    if (hit) {
      console.log(`ok   ${JSON.stringify(text)} is ${scope}`);
    } else {
      console.log(`FAIL ${JSON.stringify(text)} is never ${scope}`);
      failures++;
    }
  }
  if (failures) {
    console.log(`${failures} failure(s)`);
    process.exit(1);
  }
  console.log("grammar: all tokens as expected");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
