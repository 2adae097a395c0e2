// The VS Code client: starts `proviso lsp` on standard input and output for .proviso
// files. The program is the setting proviso.path (default: `proviso` on the PATH).
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("proviso");
  const command = config.get("path", "proviso");
  const run = { command, args: ["lsp"], transport: TransportKind.stdio };
  client = new LanguageClient(
    "proviso",
    "Proviso",
    { run, debug: run },
    {
      documentSelector: [{ scheme: "file", language: "proviso" }],
      initializationOptions: { analysisOnSave: config.get("analysisOnSave", true) },
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.proviso") },
    },
  );
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
