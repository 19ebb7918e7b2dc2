/**
 * Error analysis: a model's predictions on a released dataset version, compared per slice with
 * human-level performance on the same examples, ranked by what there is to gain ({@link
 * dev.concord.agreement.ModelGaps}); and the examples where the model contradicts the released
 * label, which an SME may take into review.
 */
package dev.concord.analysis;
