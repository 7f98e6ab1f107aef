/** The label of every operation name outside the known set. */
export const OTHER_OPERATION_LABEL = 'other';
/** The label of an operation sent without a name. */
export const ANONYMOUS_OPERATION_LABEL = '(anonymous)';
/** How many distinct unlisted operation names get their own label (first come, first served). */
export const DEFAULT_MAX_OPERATION_NAMES = 200;

/** A name that may become a label: a GraphQL name of at most 64 characters. */
const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** The gateway names a subgraph fetch `<operation>__<subgraph>__<n>`; the label is `<operation>`. */
const SUBGRAPH_FETCH_SUFFIX = /__(?:(?!__)[0-9A-Za-z_])+__\d+$/;

export interface OperationNameLabelsOptions {
  /** Distinct names labelled besides the known ones (default 200). */
  maxNames?: number;
  /** Names that always get their own label (e.g. the persisted-documents manifest's). */
  known?: Iterable<string>;
}

/**
 * Bounds the `operation` label of metrics: a client chooses operation names, so each would
 * otherwise be a new time series forever. Known names keep their label; other well-formed names
 * (≤ 64 characters) get one until `maxNames` are taken; everything else counts as `other`.
 */
export class OperationNameLabels {
  private readonly known = new Set<string>();
  private readonly seen = new Set<string>();
  private readonly maxNames: number;

  constructor(options: OperationNameLabelsOptions = {}) {
    this.maxNames = options.maxNames ?? DEFAULT_MAX_OPERATION_NAMES;
    if (options.known) this.addKnown(options.known);
  }

  /** Adds names that always get their own label (well-formed ones only). */
  addKnown(names: Iterable<string>): void {
    for (const name of names) if (LABEL_NAME.test(name)) this.known.add(name);
  }

  /** The label for `operationName`, as a client or the gateway (`<name>__<subgraph>__<n>`) sent it. */
  label(operationName: string | null | undefined): string {
    if (operationName === null || operationName === undefined || operationName === '')
      return ANONYMOUS_OPERATION_LABEL;
    if (operationName.length > 256) return OTHER_OPERATION_LABEL;
    const name = operationName.replace(SUBGRAPH_FETCH_SUFFIX, '');
    if (!LABEL_NAME.test(name)) return OTHER_OPERATION_LABEL;
    if (this.known.has(name) || this.seen.has(name)) return name;
    if (this.seen.size >= this.maxNames) return OTHER_OPERATION_LABEL;
    this.seen.add(name);
    return name;
  }
}
