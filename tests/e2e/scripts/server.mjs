// Starts the release mock server on a free port and resolves with its base URL once it prints
// "Listening on ...". Shared by the e2e runner and the benchmark. `dist` serves another copy of the
// built app (the benchmark adds a static page to one); `fixture` names a built-in fixture
// (`long-names`, `empty`, `many-products`) or a file instead of the seed.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export async function startServer({ dist = resolve(root, "dist"), fixture } = {}) {
  const args = ["--port", "0", "--dist", dist, ...(fixture ? ["--fixture", fixture] : [])];
  const server = spawn(resolve(root, "target/server/mock-server"), args, {
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
    server.kill("SIGTERM");
    throw err;
  });
  return {
    baseUrl,
    stop() {
      server.removeAllListeners("exit");
      server.kill("SIGTERM");
    },
  };
}
