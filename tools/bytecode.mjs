// Runs tools/bytecode.py inside the bundled Pyodide under Node (build.py calls it): bytecode
// must come from the interpreter that will run it, and Node runs that interpreter without a
// browser.
//
// usage: node tools/bytecode.mjs <dist>/pyodide <jobs.json>
//   jobs.json: [{"src": "in.zip", "dst": "out.zip", "mount": "/lib/x.zip" | null}, ...]
//   mount null means "where Pyodide mounts its standard library" (/lib/python3XY.zip).
// Prints one JSON line:
//   {"python": "<sys.version>", "mount": "<stdlib mount>", "compiled": {mount: modules}}.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [pyodideDir, jobsFile] = process.argv.slice(2);
if (!pyodideDir || !jobsFile) {
  console.error("usage: node tools/bytecode.mjs <pyodide dir> <jobs.json>");
  process.exit(2);
}
const indexURL = resolve(pyodideDir) + "/";
const { loadPyodide } = await import(pathToFileURL(join(indexURL, "pyodide.mjs")).href);
const py = await loadPyodide({ indexURL, stdout: () => {}, stderr: (m) => console.error(m) });

const here = dirname(fileURLToPath(import.meta.url));
py.FS.writeFile("/tmp/bytecode.py", readFileSync(join(here, "bytecode.py")));
py.runPython("import sys; sys.path.insert(0, '/tmp')");
const stdlib = py.runPython("import sys; f'/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip'");

const jobs = JSON.parse(readFileSync(jobsFile, "utf8"));
// Mount each zip where the browser will, so that a Batuta session run here imports from it;
// only what that session imports gets bytecode (bytecode.py's session_modules).
const mounts = jobs.map((job) => job.mount ?? stdlib);
for (const job of jobs) {
  if (job.mount) {
    py.FS.writeFile(job.mount, readFileSync(job.src));
    py.runPython(`import sys; sys.path.append(${JSON.stringify(job.mount)})`);
  }
}
py.globals.set("mounts", py.toPy(mounts));
const session = py.runPython(`import json
from bytecode import session_modules
json.dumps(session_modules(list(mounts)))`);
const imported = JSON.parse(session);

for (const job of jobs) {
  const mount = job.mount ?? stdlib;
  py.FS.writeFile("/tmp/in.zip", readFileSync(job.src));
  py.globals.set("only", py.toPy(imported[mount]));
  py.runPython(`from bytecode import add_bytecode
with open("/tmp/in.zip", "rb") as f, open("/tmp/out.zip", "wb") as g:
    g.write(add_bytecode(f.read(), ${JSON.stringify(mount)}, set(only)))`);
  writeFileSync(job.dst, py.FS.readFile("/tmp/out.zip"));
}
const compiled = Object.fromEntries(mounts.map((m) => [m, imported[m].length]));
console.log(JSON.stringify({ python: py.runPython("import sys; sys.version"), mount: stdlib, compiled }));
