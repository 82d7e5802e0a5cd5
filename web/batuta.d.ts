// TypeScript declarations for web/batuta.js: Batuta's Python core in a Web Worker.
// Result shapes mirror Python's batuta._serialize.to_jsonable(result) (SPEC.md §5); fields
// listed here are the contract, more may appear.

/** An error from the Python core or the worker. `code` is e.g. "BATUTA-X-003". */
export declare class BatutaError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown>;
  constructor(code: string, message: string, details?: Record<string, unknown>);
}

export interface InitOptions {
  /** Where dist/ is served (default: the folder batuta.js was loaded from). */
  baseUrl?: string;
  /** Boot progress: stage name ("manifest", "snapshot", "runtime", "packages", "ready"), 0..1. */
  onProgress?: (stage: string, fraction: number) => void;
  /** Use the memory snapshot when the build has one (default true); false forces the normal boot. */
  snapshot?: boolean;
}

export interface BootInfo {
  version: string;
  mode: "snapshot" | "normal";
  bootMs: number;
  pyodide: string;
  build: string | null;
  /** Why the snapshot was not used, when it failed and the normal boot took over. */
  fallbackReason: string | null;
}

export interface FrameworkCallSite {
  framework: string; symbol: string; line: number; column: number;
  convertible: boolean; path: string | null;
}
export interface FunctionComplexity {
  name: string; line: number; end_line: number; cyclomatic: number; cognitive: number | null;
  band: "simple" | "moderate" | "complex" | "very complex"; path: string | null;
}
export interface TDGComponent { name: string; weight: number; ratio: number; points: number; detail: string }
export interface TDGResult {
  score: number | null; grade: string | null; components: TDGComponent[];
  files: Array<{ path: string; language: string; code_lines: number; score: number; grade: string;
                 components: TDGComponent[] }>;
  not_measured: Array<{ path: string; reason: string }>;
  coverage: number | null;
}
export interface CodeAnalysis {
  language: string; has_numpy: boolean; has_sklearn: boolean; has_pytorch: boolean;
  lines_of_code: number; code: number; comment: number; blank: number;
  frameworks: FrameworkCallSite[]; functions: FunctionComplexity[]; tdg: TDGResult | null;
  parse_error: string | null;
}
export interface ProjectAnalysis {
  root: string;
  languages: Array<{ language: string; files: number; code: number; comment: number; blank: number;
                     percentage: number }>;
  primary_language: string | null;
  dependencies: Array<{ manager: string; file: string; error: string | null;
                        packages: Array<{ name: string; spec: string; extras: string[];
                                          marker: string; group: string; source: string }> }>;
  ml_frameworks: Array<{ framework: string; files: number; call_sites: number;
                         convertible: boolean; target: string }>;
  tdg: TDGResult | null;
  transpilers: Array<{ language: string; tool: string; files: number; note: string }>;
  skipped: Array<{ path: string; reason: string }>;
  duration_s: number;
  files: Array<{ path: string; language: string; code: number; comment: number; blank: number }>;
  functions: FunctionComplexity[];
  call_sites: FrameworkCallSite[];
  total_files: number;
}
export interface Conversion {
  rust_code: string; imports: string[]; backend_recommendation: string; explanation: string;
  mappings: Array<Record<string, unknown>>; unsupported: Array<Record<string, unknown>>;
  [more: string]: unknown;
}
export interface BackendDecision {
  backend: "Scalar" | "SIMD" | "GPU"; complexity: string; rationale: string;
  cost?: Record<string, unknown>; [more: string]: unknown;
}

/** What analyze_project accepts: files by path, a dropped folder, or an archive's bytes. */
export type ProjectFiles =
  | Record<string, Uint8Array | ArrayBuffer | string>
  | Map<string, Uint8Array | ArrayBuffer | string>
  | FileList | File[] | File
  | Uint8Array | ArrayBuffer;

export interface AnalyzeOptions {
  onProgress?: (done: number, total: number) => void;
  languages?: boolean; dependencies?: boolean; tdg?: boolean; complexity?: boolean;
  frameworks?: boolean; respect_gitignore?: boolean; max_file_bytes?: number;
  max_line_chars?: number;
}

export declare function init(options?: InitOptions): Promise<BootInfo>;
export declare function terminate(): void;
export declare function version(): Promise<string>;
export declare function analyze_code(code: string, filename?: string): Promise<CodeAnalysis>;
export declare function analyze_project(files: ProjectFiles, options?: AnalyzeOptions): Promise<ProjectAnalysis>;
export declare function convert_numpy(code: string, dataSize?: number): Promise<Conversion>;
export declare function convert_sklearn(code: string, dataSize?: number): Promise<Conversion>;
export declare function convert_pytorch(code: string, dataSize?: number): Promise<Conversion>;
export declare function convert_file(code: string, filename?: string): Promise<Record<string, unknown>>;
export declare function backend_recommend(operation: string, dataSize: number,
                                          hardware?: Record<string, unknown>): Promise<BackendDecision>;
/** Any function listed in Python's batuta.api.EXPORTS, with JSON arguments. */
export declare function call(name: string, ...args: unknown[]): Promise<unknown>;
