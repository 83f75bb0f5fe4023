// factlint's own messages between the language server and its clients (types only: the VS Code client shares them).

/** The state of a fact base: loaded cleanly; with problems, served from its last good version or from its well-formed part; unusable. */
export type FactBaseState = 'loaded' | 'last-good' | 'partial' | 'broken';

/** The fact base a document is checked against. */
export interface FactBaseStatus {
  /** Its `title`, else its first file's name. */
  name: string;
  files: string[];
  /** People, organisations, offices, events, documents, document counts, claims and terms it holds (0 when broken). */
  facts: number;
  state: FactBaseState;
  /** Problems in its files now. */
  problems: number;
  /** The fact base bundled with factlint, used because nothing else applies to the document. */
  bundled: boolean;
}

/** What the server says about one open document (a draft or a fact-base file), whenever it changes. */
export interface DocumentStatus {
  uri: string;
  /** Whether the draft's findings are shown (false for a draft out of scope, and for fact-base files). */
  checked: boolean;
  /** Why a draft is not checked, in words. */
  reason?: string;
  factBase?: FactBaseStatus;
}

/** Server → client notification: a document's status (sent when `initializationOptions.statusNotifications` is true). */
export const STATUS_NOTIFICATION = 'factlint/status';
/** Client → server request `{ uri }` → {@link DocumentStatus} (or null for a document the server does not have). */
export const STATUS_REQUEST = 'factlint/documentStatus';
/** `workspace/executeCommand`: checks every draft in the workspace folders; findings of closed files are published too. */
export const CHECK_WORKSPACE_COMMAND = 'factlint.checkWorkspace';
/** `workspace/executeCommand` `[uri, range]`: selects the reason placeholder a disable action has just inserted. */
export const SELECT_REASON_COMMAND = 'factlint.selectReason';
/** The reason a disable action inserts for the writer to replace; a comment still holding it gets a hint. */
export const REASON_PLACEHOLDER = 'reason';

/** Client → server command: read candidate facts from a source article into a fact-base file (arguments: source path, its text, the fact-base path). */
export const EXTRACT_FACTS_COMMAND = 'factlint.extractFactsInto';
