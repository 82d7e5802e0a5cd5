// Runs tools/bytecode.py inside the bundled Pyodide under Node (build.py calls it): bytecode
// must come from the interpreter that will run it, and Node runs that interpreter without a
// browser.
//
// usage: node tools/bytecode.mjs <dist>/pyodide <jobs.json>
//   jobs.json: [{"src": "in.zip", "dst": "out.zip", "mount": "/lib/x.zip" | null}, ...]
//   mount null means "where Pyodide mounts its standard library" (/lib/python3XY.zip).
// Prints one JSON line: {"python": "<sys.version>", "mount": "<stdlib mount>"}.
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

for (const job of JSON.parse(readFileSync(jobsFile, "utf8"))) {
  py.FS.writeFile("/tmp/in.zip", readFileSync(job.src));
  py.runPython(`from bytecode import add_bytecode
with open("/tmp/in.zip", "rb") as f, open("/tmp/out.zip", "wb") as g:
    g.write(add_bytecode(f.read(), ${JSON.stringify(job.mount ?? stdlib)}))`);
  writeFileSync(job.dst, py.FS.readFile("/tmp/out.zip"));
}
console.log(JSON.stringify({ python: py.runPython("import sys; sys.version"), mount: stdlib }));
