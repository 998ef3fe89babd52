// Runs the Playwright suite against a freshly started mock server on a free port, then stops it.
// Extra arguments go to `playwright test` (e.g. --update-snapshots=none, a spec file, --grep).
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../../..");
const server = spawn(resolve(root, "target/release/mock-server"), ["--port", "0", "--dist", resolve(root, "dist")], {
  cwd: root,
  stdio: ["ignore", "pipe", "inherit"],
});

const baseUrl = await new Promise((resolveUrl, reject) => {
  const timer = setTimeout(() => reject(new Error("mock server did not start within 60 s")), 60_000);
  server.on("exit", (code) => reject(new Error(`mock server exited early with code ${code}`)));
  createInterface({ input: server.stdout }).on("line", (line) => {
    const match = line.match(/Listening on (http:\/\/\S+)/);
    if (match) {
      clearTimeout(timer);
      resolveUrl(match[1]);
    }
  });
}).catch((err) => {
  console.error(err.message);
  server.kill("SIGTERM");
  process.exit(1);
});
console.log(`e2e: mock server at ${baseUrl}`);

const runner = spawn("npx", ["playwright", "test", ...process.argv.slice(2)], {
  cwd: resolve(here, ".."),
  stdio: "inherit",
  env: { ...process.env, E2E_BASE_URL: baseUrl },
});
const code = await new Promise((done) => runner.on("exit", (c, signal) => done(signal ? 1 : c ?? 1)));
server.removeAllListeners("exit");
server.kill("SIGTERM");
process.exit(code);
