// The Phoenix platform API's resources as the cockpit uses them (camelCase), decoded leniently from its snake_case JSON:
// required fields are checked, unknown ones ignored, missing numbers left undefined.

export interface ExperimentMetrics {
  baselineCardinality?: number;
  candidateCardinality?: number;
  cardinalityReductionPercent?: number;
  costBeforeMonthly?: number;
  costAfterMonthly?: number;
  costSavingsMonthly?: number;
}

export interface Experiment {
  id: string;
  name: string;
  description: string;
  baselinePipeline: string;
  candidatePipeline: string;
  targetNamespaces: string[];
  /** pending, deploying, running, analyzing, completed, stopped, failed (kept as sent). */
  phase: string;
  durationSeconds?: number;
  createdAt?: string;
  startedAt?: string;
  endedAt?: string;
  stopReason?: string;
  metrics: ExperimentMetrics;
}

export interface NewExperiment {
  name: string;
  description?: string;
  baselinePipeline: string;
  candidatePipeline: string;
  targetNamespaces: string[];
  durationSeconds?: number;
}

export interface PipelineDeployment {
  id: string;
  name: string;
  namespace: string;
  template: string;
  status: string;
  experimentId?: string;
  variant?: string;
  createdAt?: string;
}

export interface PipelineSide {
  pipeline: string;
  cardinality?: number;
  costMonthly?: number;
}

export interface ExperimentResults {
  experimentId: string;
  phase?: string;
  final: boolean;
  baseline: PipelineSide;
  candidate: PipelineSide;
  cardinalityReductionPercent?: number;
  costSavingsMonthly?: number;
  costSavingsAnnual?: number;
  generatedAt?: string;
}

export interface NamespaceCost {
  namespace: string;
  cardinalityBefore?: number;
  cardinalityAfter?: number;
  costBeforeMonthly?: number;
  costAfterMonthly?: number;
}

export interface ExperimentAnalysis {
  experimentId: string;
  status?: string;
  recommendation?: string;
  confidence?: number;
  cardinalityReductionPercent?: number;
  costBeforeMonthly?: number;
  costAfterMonthly?: number;
  costSavingsMonthly?: number;
  costSavingsAnnual?: number;
  byNamespace: NamespaceCost[];
}

export interface CostFlow {
  beforeMonthly?: number;
  afterMonthly?: number;
  savingsMonthly?: number;
  reductionPercent?: number;
  activeExperiments?: number;
  /** What each experiment behind the flow costs before and after (the latest completed one per namespace). */
  byExperiment: Array<{ experimentId: string; name: string; costBeforeMonthly?: number; costAfterMonthly?: number }>;
  /** Experiments per phase. */
  phases: Record<string, number>;
}

type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Only the defined entries: optional fields stay absent rather than `undefined`. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** A list either bare or wrapped in `{ <key>: [...] }`. */
export function listOf(body: unknown, key: string): unknown[] | undefined {
  if (Array.isArray(body)) return body as unknown[];
  const inner = isObject(body) ? body[key] : undefined;
  if (Array.isArray(inner)) return inner as unknown[];
  return undefined;
}

export function decodeExperiment(v: unknown): Experiment | string {
  if (!isObject(v)) return 'an experiment that is not an object';
  const id = str(v.id);
  const name = str(v.name);
  const phase = str(v.phase) ?? str(v.status);
  if (!id || !name || !phase) return 'an experiment without id, name or phase';
  const m = isObject(v.metrics) ? v.metrics : {};
  return defined({
    id,
    name,
    description: str(v.description) ?? '',
    baselinePipeline: str(v.baseline_pipeline) ?? '',
    candidatePipeline: str(v.candidate_pipeline) ?? '',
    targetNamespaces: strings(v.target_namespaces),
    phase,
    durationSeconds: num(v.duration_seconds),
    createdAt: str(v.created_at),
    startedAt: str(v.started_at),
    endedAt: str(v.ended_at),
    stopReason: str(v.stop_reason),
    metrics: defined({
      baselineCardinality: num(m.baseline_cardinality),
      candidateCardinality: num(m.candidate_cardinality),
      cardinalityReductionPercent: num(m.cardinality_reduction_percent),
      costBeforeMonthly: num(m.cost_before_monthly),
      costAfterMonthly: num(m.cost_after_monthly),
      costSavingsMonthly: num(m.cost_savings_monthly),
    }),
  });
}

export function decodePipelineDeployment(v: unknown): PipelineDeployment | string {
  if (!isObject(v)) return 'a pipeline deployment that is not an object';
  const id = str(v.id) ?? str(v.name);
  const name = str(v.name);
  if (!id || !name) return 'a pipeline deployment without a name';
  return defined({
    id,
    name,
    namespace: str(v.namespace) ?? '',
    template: str(v.template) ?? '',
    status: str(v.status) ?? 'unknown',
    experimentId: str(v.experiment_id),
    variant: str(v.variant),
    createdAt: str(v.created_at),
  });
}

function side(v: unknown): PipelineSide {
  const o = isObject(v) ? v : {};
  return defined({ pipeline: str(o.pipeline) ?? '', cardinality: num(o.cardinality), costMonthly: num(o.cost_monthly) });
}

export function decodeResults(v: unknown): ExperimentResults | string {
  if (!isObject(v)) return 'results that are not an object';
  const experimentId = str(v.experiment_id);
  if (!experimentId) return 'results without experiment_id';
  return defined({
    experimentId,
    phase: str(v.phase),
    final: v.final === true,
    baseline: side(v.baseline),
    candidate: side(v.candidate),
    cardinalityReductionPercent: num(v.cardinality_reduction_percent),
    costSavingsMonthly: num(v.cost_savings_monthly),
    costSavingsAnnual: num(v.cost_savings_annual),
    generatedAt: str(v.generated_at),
  });
}

export function decodeAnalysis(v: unknown): ExperimentAnalysis | string {
  if (!isObject(v)) return 'an analysis that is not an object';
  const experimentId = str(v.experiment_id);
  if (!experimentId) return 'an analysis without experiment_id';
  return defined({
    experimentId,
    status: str(v.status),
    recommendation: str(v.recommendation),
    confidence: num(v.confidence),
    cardinalityReductionPercent: num(v.cardinality_reduction_percent),
    costBeforeMonthly: num(v.cost_before_monthly),
    costAfterMonthly: num(v.cost_after_monthly),
    costSavingsMonthly: num(v.cost_savings_monthly),
    costSavingsAnnual: num(v.cost_savings_annual),
    byNamespace: (Array.isArray(v.by_namespace) ? v.by_namespace : []).filter(isObject).map((n) =>
      defined({
        namespace: str(n.namespace) ?? '',
        cardinalityBefore: num(n.cardinality_before),
        cardinalityAfter: num(n.cardinality_after),
        costBeforeMonthly: num(n.cost_before_monthly),
        costAfterMonthly: num(n.cost_after_monthly),
      }),
    ),
  });
}

export function decodeCostFlow(v: unknown): CostFlow | string {
  if (!isObject(v)) return 'a cost flow that is not an object';
  return defined({
    beforeMonthly: num(v.before_monthly),
    afterMonthly: num(v.after_monthly),
    savingsMonthly: num(v.savings_monthly),
    reductionPercent: num(v.reduction_percent),
    activeExperiments: num(v.active_experiments),
    byExperiment: (Array.isArray(v.by_experiment) ? v.by_experiment : []).filter(isObject).map((e) =>
      defined({ experimentId: str(e.experiment_id) ?? '', name: str(e.name) ?? str(e.experiment_id) ?? '', costBeforeMonthly: num(e.cost_before_monthly), costAfterMonthly: num(e.cost_after_monthly) }),
    ),
    phases: Object.fromEntries(Object.entries(isObject(v.phases) ? v.phases : {}).flatMap(([k, n]) => (num(n) === undefined ? [] : [[k, num(n) as number]]))),
  });
}
