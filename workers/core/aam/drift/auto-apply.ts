// The product's default auto-apply threshold for rename repairs: a rename whose reported
// confidence is at or above it is applied without review (outside Safe Mode). Chosen from the
// calibration over test/fixtures/drift and the shared dev set (scripts/drift-calibration.ts):
// renames at or above it must be right >= 98% of the time and cover >= 80% of the true renames.
export const AUTO_APPLY_THRESHOLD = 0.65
