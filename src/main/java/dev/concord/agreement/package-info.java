/**
 * Inter-annotator agreement and human-level performance (HLP), in plain Java.
 *
 * <p>Why this shape: a project may hold hundreds of thousands of examples with several labels
 * each, and the dashboard must not load them all. Labels are therefore streamed, one example at a
 * time, into an {@link dev.concord.agreement.AgreementAccumulator}, which keeps only compact
 * count tables whose size depends on the number of categories, labelers and distinct label
 * patterns, never on the number of labels. Each measure ({@link
 * dev.concord.agreement.PercentAgreement}, {@link dev.concord.agreement.CohenKappa}, {@link
 * dev.concord.agreement.FleissKappa}, {@link dev.concord.agreement.KrippendorffAlpha}, {@link
 * dev.concord.agreement.HumanLevelPerformance}) is a pure function over those tables and returns a
 * small result that carries its context (how many items, which categories).
 *
 * <p>Conventions shared by every class here:
 * <ul>
 *   <li>categories are nominal and indexed {@code 0..C-1}; "uncertain" is an ordinary category
 *       (callers that want it excluded simply do not feed those labels);</li>
 *   <li>a labeler labels an item at most once;</li>
 *   <li>a value that is undefined for the data (no pairs, only one category used, ...) is
 *       {@code null}, never {@code NaN}.</li>
 * </ul>
 *
 * <p>No framework imports: the package is tested with plain JUnit and compared against DKPro
 * Statistics.
 */
package dev.concord.agreement;
