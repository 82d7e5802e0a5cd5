// Types for <batuta-oracle> (web/elements/batuta-oracle.js, loaded by batuta-elements.js).
import type { OracleAnswer } from "../batuta.js";

/** `<batuta-oracle [query] [data-size] [editable] [label]>question</batuta-oracle>` */
export interface BatutaOracleElement extends HTMLElement {
  /** Ask again: the given question (also put in the input when `editable`), else the current one. */
  ask(question?: string): Promise<void>;
  /** "working" | "ready" | "error" while and after answering. */
  getAttribute(name: "state"): "working" | "ready" | "error" | null;
  getAttribute(name: string): string | null;
  addEventListener(type: "batuta-result", listener: (ev: CustomEvent<OracleAnswer>) => void,
                   options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject,
                   options?: boolean | AddEventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    "batuta-oracle": BatutaOracleElement;
  }
}
