export { survivalFactsOf, survivalSubjectOf } from './survival-facts.js';
export { covariatesOf, ageGroupOf, type AgeGroup, type CovariateValue, type FlatFields, type SubjectCovariates } from './covariates.js';
export { adtteDataset, type AdtteDataset, type AdtteDatasetRow } from './adtte-dataset.js';
export { EndpointDefinitionSchema, parseEndpointDefinition } from './endpoint-definition.schema.js';
export { FACT_TYPES } from './fact-selector.schema.js';
export { estimateEndpoint, type EndpointEstimates, type EstimateOptions, type GroupEstimate } from './estimates.js';
export { datasetColumns, datasetCsv, datasetParquet } from './dataset-files.js';
export { courseRecordsAsOf, survivalDatasetFromStore } from './records-at.js';
