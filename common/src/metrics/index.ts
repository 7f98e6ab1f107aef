export {
  createServiceMetrics,
  type ServiceMetrics,
  type ServiceMetricsOptions,
} from './service-metrics';
export {
  ANONYMOUS_OPERATION_LABEL,
  DEFAULT_MAX_OPERATION_NAMES,
  OperationNameLabels,
  OTHER_OPERATION_LABEL,
  type OperationNameLabelsOptions,
} from './operation-name-labels';
