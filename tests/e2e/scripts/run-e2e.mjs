// Runs the Playwright suite against a freshly started mock server on a free port, then stops it.
// Extra arguments go to `playwright test` (e.g. --update-snapshots=none, a spec file, --grep).
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { root, startServer } from "./server.mjs";

const server = await startServer().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
console.log(`e2e: mock server at ${server.baseUrl}`);

const runner = spawn("npx", ["playwright", "test", ...process.argv.slice(2)], {
  cwd: resolve(root, "tests/e2e"),
  stdio: "inherit",
  env: { ...process.env, E2E_BASE_URL: server.baseUrl },
});
const code = await new Promise((done) => runner.on("exit", (c, signal) => done(signal ? 1 : c ?? 1)));
server.stop();
process.exit(code);
