// Batuta charts on WebGPU: replays an encoding from batuta.render.chart_encoding() with the
// same WGSL passes as wgpu-py (loaded from /shaders/), presents it to a canvas, reads it back.
//
//   import { renderEncoding } from "./render/webgpu.js";
//   await renderEncoding(canvas, encoding);            // draws; resolves when done
//   const { pixels } = await renderEncoding(canvas, encoding, { readback: true });
//
// The preprocessor follows pkg/batuta/render/shaders.py: #include "file", #if NAME / #else /
// #endif, an undefined NAME is an error, each file is included once.

const PASSES = new Set(["clear", "shapes", "points", "points_composite", "hist_bin", "present"]);
const INCLUDE = /^\s*#include\s+"([A-Za-z0-9_/.-]+\.wgsl)"\s*$/;
const DIRECTIVE = /^\s*#(if|else|endif)\b\s*([A-Za-z_][A-Za-z0-9_]*)?\s*$/;

/** Expand #include and #if/#else/#endif; `read(path)` returns an included file's text. */
export async function preprocess(source, defines, read, name = "<source>", seen = new Set(), depth = 0) {
  if (depth > 8) throw new Error(`${name}: #include nested deeper than 8`);
  const out = [];
  const stack = [];
  const lines = source.split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    const active = stack.every((s) => s);
    const inc = INCLUDE.exec(line);
    if (inc) {
      if (active && !seen.has(inc[1])) {
        seen.add(inc[1]);
        out.push(...(await preprocess(await read(inc[1]), defines, read, inc[1], seen, depth + 1)));
      }
      continue;
    }
    if (line.trimStart().startsWith("#")) {
      const m = DIRECTIVE.exec(line);
      const where = `${name}:${n + 1}`;
      if (!m) throw new Error(`${where}: unknown directive ${line.trim()}`);
      if (m[1] === "if") {
        if (!m[2]) throw new Error(`${where}: #if needs a name`);
        if (!(m[2] in defines)) throw new Error(`${where}: #if ${m[2]}: ${m[2]} is not defined`);
        stack.push(Boolean(defines[m[2]]));
      } else if (!stack.length) {
        throw new Error(`${where}: #${m[1]} without #if`);
      } else if (m[1] === "else") {
        stack.push(!stack.pop());
      } else {
        stack.pop();
      }
      continue;
    }
    if (active) out.push(line);
  }
  if (stack.length) throw new Error(`${name}: #if without #endif`);
  if (depth > 0) return out;
  return out.length ? out.join("\n") + "\n" : "";
}

const textCache = new Map();
async function fetchText(url) {
  if (!textCache.has(url)) {
    textCache.set(url, fetch(url).then((r) => {
      if (!r.ok) throw new Error(`shader ${url}: HTTP ${r.status}`);
      return r.text();
    }));
  }
  return textCache.get(url);
}

/** The preprocessed WGSL of one pass (same text wgpu-py compiles). */
export async function loadPass(name, defines = {}, shaderBase = "/shaders/") {
  if (!PASSES.has(name)) throw new Error(`unknown shader pass ${name}`);
  const src = await fetchText(`${shaderBase}${name}.wgsl`);
  return preprocess(src, defines, (rel) => fetchText(`${shaderBase}${rel}`), `${name}.wgsl`);
}

// One device per page, shared by every chart: compiled pipelines are cached per device, so a
// second chart (or a redraw on resize) skips the shader compiles. A lost device is replaced.
let sharedDevice = null;

/** A device with the adapter's storage-buffer limits (big scatter plots need them). */
export async function getDevice() {
  if (!("gpu" in navigator)) throw new Error("WebGPU is not available in this browser");
  if (!sharedDevice) {
    sharedDevice = (async () => {
      const adapter = await navigator.gpu.requestAdapter();
      if (!adapter) throw new Error("no WebGPU adapter");
      const device = await adapter.requestDevice({
        requiredLimits: {
          maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
          maxBufferSize: adapter.limits.maxBufferSize,
        },
      });
      device.lost.then(() => { sharedDevice = null; });
      return device;
    })();
    sharedDevice.catch(() => { sharedDevice = null; });
  }
  return sharedDevice;
}

export function decodeBlob(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const pipelines = new WeakMap();
async function computePipeline(device, name, defines, shaderBase) {
  if (!pipelines.has(device)) pipelines.set(device, new Map());
  const cache = pipelines.get(device);
  const key = `${name}|${JSON.stringify(defines)}`;
  if (!cache.has(key)) {
    const module = device.createShaderModule({ code: await loadPass(name, defines, shaderBase) });
    cache.set(key, device.createComputePipelineAsync({ layout: "auto", compute: { module, entryPoint: "main" } }));
  }
  return cache.get(key);
}

const align = (n, a) => Math.ceil(n / a) * a;

/**
 * Replay the recording. Returns { buffers, readbacks, destroy() }; readbacks maps buffer
 * name -> Uint8Array when `readback` is true.
 */
export async function runEncoding(device, encoding, { shaderBase = "/shaders/", readback = true } = {}) {
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
  const buffers = new Map();
  const wanted = [];
  device.pushErrorScope("validation");
  const encoder = device.createCommandEncoder();
  for (const op of encoding.recording) {
    if (op.op === "upload") {
      const data = decodeBlob(encoding.blobs[op.blob]);
      const buf = device.createBuffer({ size: align(Math.max(16, data.byteLength), 4), usage, mappedAtCreation: true });
      new Uint8Array(buf.getMappedRange()).set(data);
      buf.unmap();
      buffers.set(op.buffer, buf);
    } else if (op.op === "create") {
      buffers.set(op.buffer, device.createBuffer({ size: align(Math.max(16, op.size), 4), usage }));
    } else if (op.op === "clear") {
      encoder.clearBuffer(buffers.get(op.buffer));
    } else if (op.op === "dispatch") {
      const pipeline = await computePipeline(device, op.pass, op.defines || {}, shaderBase);
      const group = device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: op.bindings.map((n, i) => ({ binding: i, resource: { buffer: buffers.get(n) } })),
      });
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, group);
      pass.dispatchWorkgroups(...op.workgroups);
      pass.end();
    } else if (op.op === "readback") {
      wanted.push(op.buffer);
    } else {
      throw new Error(`unknown recording op ${op.op}`);
    }
  }
  const staging = readback ? wanted.map((name) => {
    const src = buffers.get(name);
    const dst = device.createBuffer({ size: src.size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    encoder.copyBufferToBuffer(src, 0, dst, 0, src.size);
    return [name, dst];
  }) : [];
  device.queue.submit([encoder.finish()]);
  const error = await device.popErrorScope();
  const destroy = () => { for (const b of buffers.values()) b.destroy(); };
  if (error) { destroy(); throw new Error(`WebGPU validation: ${error.message}`); }
  const readbacks = new Map();
  for (const [name, dst] of staging) {
    await dst.mapAsync(GPUMapMode.READ);
    readbacks.set(name, new Uint8Array(dst.getMappedRange().slice(0)));
    dst.unmap();
    dst.destroy();
  }
  return { buffers, readbacks, destroy };
}

async function presentPipeline(device, format, shaderBase) {
  const module = device.createShaderModule({ code: await loadPass("present", {}, shaderBase) });
  return device.createRenderPipelineAsync({
    layout: "auto",
    vertex: { module, entryPoint: "vs_main" },
    fragment: { module, entryPoint: "fs_main", targets: [{ format }] },
    primitive: { topology: "triangle-list" },
  });
}

function drawOutput(device, pipeline, out, width, height, view) {
  const params = device.createBuffer({ size: 16, usage: GPUBufferUsage.STORAGE, mappedAtCreation: true });
  new Uint32Array(params.getMappedRange()).set([width, height, 0, 0]);
  params.unmap();
  const group = device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [{ binding: 0, resource: { buffer: params } }, { binding: 1, resource: { buffer: out } }],
  });
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginRenderPass({ colorAttachments: [{ view, loadOp: "clear", storeOp: "store", clearValue: [0, 0, 0, 0] }] });
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, group);
  pass.draw(3);
  pass.end();
  return { encoder, params };
}

/** Present the output buffer into an rgba8unorm texture and read it back (copyTextureToBuffer). */
export async function readTexture(device, out, width, height, shaderBase = "/shaders/") {
  const pipeline = await presentPipeline(device, "rgba8unorm", shaderBase);
  const texture = device.createTexture({ size: [width, height], format: "rgba8unorm", usage: GPUTextureUsage.RENDER_ATTACHMENT | GPUTextureUsage.COPY_SRC });
  const { encoder, params } = drawOutput(device, pipeline, out, width, height, texture.createView());
  const bytesPerRow = align(width * 4, 256);
  const staging = device.createBuffer({ size: bytesPerRow * height, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  encoder.copyTextureToBuffer({ texture }, { buffer: staging, bytesPerRow }, [width, height]);
  device.queue.submit([encoder.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const padded = new Uint8Array(staging.getMappedRange());
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) pixels.set(padded.subarray(y * bytesPerRow, y * bytesPerRow + width * 4), y * width * 4);
  staging.unmap();
  for (const o of [staging, params, texture]) o.destroy();
  return pixels;
}

/**
 * Render an encoding onto `canvas` with WebGPU.
 * Options: shaderBase ("/shaders/"), device (reuse one), readback (also return the pixels,
 * read back through copyTextureToBuffer). Resolves to { width, height, presented, pixels }.
 */
export async function renderEncoding(canvas, encoding, { shaderBase = "/shaders/", device = null, readback = false } = {}) {
  const dev = device || (await getDevice());
  const { width, height } = encoding;
  const run = await runEncoding(dev, encoding, { shaderBase, readback: false });
  try {
    const out = run.buffers.get("out");
    let presented = false;
    if (canvas) {
      canvas.width = width;
      canvas.height = height;
      const ctx = canvas.getContext("webgpu");
      if (ctx) {
        const format = navigator.gpu.getPreferredCanvasFormat();
        ctx.configure({ device: dev, format, alphaMode: "premultiplied" });
        const pipeline = await presentPipeline(dev, format, shaderBase);
        const { encoder, params } = drawOutput(dev, pipeline, out, width, height, ctx.getCurrentTexture().createView());
        dev.queue.submit([encoder.finish()]);
        await dev.queue.onSubmittedWorkDone();
        params.destroy();
        presented = true;
      }
    }
    const pixels = readback ? await readTexture(dev, out, width, height, shaderBase) : undefined;
    return { width, height, presented, pixels };
  } finally {
    run.destroy();
  }
}
