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
  /** Read the boot files through this build's Cache Storage, as the service worker's precache
   *  does, so a first visit downloads each file once (default true). False on a site without
   *  Batuta's service worker, where no one would delete an old build's cache. */
  cache?: boolean;
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
  /** Python that does not parse as a whole: where and why. Functions, call sites and the TDG
   *  (then partial, see tdg.not_measured) come from the parts that parse. */
  syntax_error: { line: number; column: number; message: string } | null;
  /** 1-based [first, last] line ranges that did not parse and were not measured. */
  not_measured_lines: Array<[number, number]>;
  /** Framework names used in type annotations (not calls). */
  annotations: FrameworkCallSite[];
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
  /** Framework names used in type annotations (not calls). */
  annotations: FrameworkCallSite[];
}
export interface Conversion {
  rust_code: string; imports: string[]; backend_recommendation: string; explanation: string;
  mappings: Array<Record<string, unknown>>; unsupported: Array<Record<string, unknown>>;
  [more: string]: unknown;
}
/** The 5x PCIe model's figures: it answers whether a GPU is worth the transfer, not which
 * backend to use (that is BackendDecision.backend). Times in seconds. */
export interface CostEstimate {
  operation: string; shape: string; flops: number; bytes: number; transfer_s: number;
  gpu_compute_s: number; cpu_compute_s: number; ratio: number;
  offload: boolean; verdict: string; rationale: string;
}
export interface BackendDecision {
  backend: "Scalar" | "SIMD" | "GPU"; complexity: string; rationale: string;
  operation: string; data_size: number; simd_above: number; gpu_above: number | null;
  /** How the cost model's yes/no bears on `backend`, in words. */
  cost: CostEstimate; cost_note: string; [more: string]: unknown;
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
/** Code (with its language), English prose, or blank: Python's one answer for every page. */
export interface SnippetKind {
  kind: "code" | "prose" | "blank"; language: string | null; reason: string; advice: string;
}
export declare function classify_snippet(text: string): Promise<SnippetKind>;
export declare function analyze_project(files: ProjectFiles, options?: AnalyzeOptions): Promise<ProjectAnalysis>;
export declare function convert_numpy(code: string, dataSize?: number): Promise<Conversion>;
export declare function convert_sklearn(code: string, dataSize?: number): Promise<Conversion>;
export declare function convert_pytorch(code: string, dataSize?: number): Promise<Conversion>;
export declare function convert_file(code: string, filename?: string): Promise<Record<string, unknown>>;
/** A project converted into a Cargo crate: the bytes of its zip (`<crateName>/Cargo.toml`, `src/`, `CONVERSION.md`). */
export declare function convert_project(files: ProjectFiles, crateName?: string): Promise<Uint8Array>;
export declare function backend_recommend(operation: string, dataSize: number,
                                          hardware?: Record<string, unknown>): Promise<BackendDecision>;
export interface ServingRecommendation {
  privacy: "Sovereign" | "Private" | "Standard"; latency: "RealTime" | "Interactive" | "Batch";
  backends: string[]; local_only: boolean; rationale: string;
}
export declare function backend_serving(privacy?: string, latency?: string): Promise<ServingRecommendation>;

/** One recommended component; confidence is 0..1. */
export interface ComponentPick { component: string; confidence: number; rationale: string; path: string | null; }
export interface OracleAnswer {
  query: string; problem_class: string; domains: string[]; algorithm: string | null;
  primary: ComponentPick; supporting: ComponentPick[];
  /** Same decision as backend_recommend(compute.operation, compute.data_size ?? 0). */
  compute: { backend: "Scalar" | "SIMD" | "GPU"; complexity: "Low" | "Medium" | "High";
             operation: string; data_size: number | null; has_gpu: boolean; rationale: string;
             cost_ratio: number | null; cost_offload: boolean; cost_note: string };
  distribution: { needed: boolean; tool: string | null; nodes: number; nodes_assumed: boolean;
                  parallel_fraction: number; speedup: number; efficiency: number;
                  comm_overhead: number; rationale: string };
  code_example: string | null; example_id: string | null; related_queries: string[];
  recipes: string[]; data_size: number | null; performance_hints: string[];
  mentioned_components: string[];
  project: { root: string; primary_language: string | null; frameworks: string[];
             call_sites: number; code_lines: number;
             replacements: Array<[string, string, number]> } | null;
}
export interface OracleOptions {
  /** A sample count or text such as "1M", "500K", "2B"; wins over a size in the query. */
  dataSize?: number | string;
  hardware?: Record<string, unknown>;
  /** A project analysis (analyze_project's result): answer for that project. */
  analysis?: Record<string, unknown>;
  nodes?: number;
}
export interface ComponentInfo {
  name: string; version: string; layer: string; layer_display: string; description: string;
  capabilities: Array<[string, string]>; integrates_with: Array<[string, string]>;
  used_by: Array<[string, string]>; recipes: string[];
}
export interface IntegrationInfo {
  from_component: string; to_component: string; pattern_name: string; description: string;
  code_example: string | null;
}
export interface Recipe {
  id: string; title: string; problem: string; components: string[]; tags: string[];
  related: string[]; code: string | null; test_code: string | null; code_note: string;
}
export declare function oracle(query?: string, options?: OracleOptions): Promise<OracleAnswer>;
export declare function oracle_list(): Promise<ComponentInfo[]>;
export declare function oracle_show(name: string): Promise<ComponentInfo>;
export declare function oracle_capabilities(name: string): Promise<string[]>;
export declare function oracle_integrate(from: string, to: string): Promise<IntegrationInfo | null>;
export declare function oracle_recommend(problem?: string,
                                         options?: Pick<OracleOptions, "dataSize" | "hardware">): Promise<OracleAnswer>;
export declare function cookbook_recipes(): Promise<Recipe[]>;
export declare function cookbook_recipe(id: string): Promise<Recipe | null>;
export declare function cookbook_by_tag(tag: string): Promise<Recipe[]>;
export declare function cookbook_by_component(name: string): Promise<Recipe[]>;
export declare function cookbook_search(text: string): Promise<Recipe[]>;
/** The migration report of a project analysis: one self-contained HTML file (inline SVG
 *  charts, no external resource), Markdown, JSON or text. */
export declare function report(analysis: Record<string, unknown>,
                               format?: "html" | "markdown" | "json" | "text",
                               state?: Record<string, unknown>): Promise<string>;
/** A survey report table: the same tables `batuta survey-report` prints. */
export interface SurveyTable { caption: string; headers: string[]; rows: (string | number)[][] }
/** What the survey page shows: the JSON report (`totals`, `sources`, `complex_functions`,
 *  `apis`), its tables, and each chart's encoding for render/webgpu.js. */
export interface SurveyView {
  report: { totals: Record<string, unknown>; sources: Record<string, unknown>[];
            complex_functions: Record<string, unknown>[]; apis: Record<string, unknown>[] };
  tables: SurveyTable[];
  charts: SurveyChart[];
}
/** A survey chart: its title, CSS size and encoding (drawn at the asked pixel ratio). */
export interface SurveyChart { title: string; width: number; height: number;
                               encoding: Record<string, unknown> }
/** The survey charts' column width in CSS pixels and device pixel ratio (1..3). */
export interface SurveyChartLayout { width?: number | null; scale?: number }
/** The report of a survey database (the bytes of a `survey.db` written by `batuta survey`).
 *  The bytes are copied; the caller's buffer stays usable. */
export declare function survey_report(db: Uint8Array | ArrayBuffer, format?: "view",
                                      charts?: SurveyChartLayout): Promise<SurveyView>;
export declare function survey_report(db: Uint8Array | ArrayBuffer, format: "charts",
                                      charts?: SurveyChartLayout): Promise<SurveyChart[]>;
export declare function survey_report(db: Uint8Array | ArrayBuffer,
                                      format: "json" | "text" | "html"): Promise<unknown>;
/** Any function listed in Python's batuta.api.EXPORTS, with JSON arguments. */
export declare function call(name: string, ...args: unknown[]): Promise<unknown>;
