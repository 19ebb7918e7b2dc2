/**
 * The Quarkus side of agreement: {@link dev.concord.agreement.web.AgreementService} streams a
 * project's labels from the database ({@link dev.concord.agreement.web.LabelScan}) into the pure
 * measures of {@code dev.concord.agreement}; {@code AgreementResource} serves
 * {@code GET /api/projects/{slug}/agreement} and {@code .../agreement/trend};
 * {@code AgreementPages} and {@link dev.concord.agreement.web.Dashboard} render the dashboard.
 * The measures package itself stays free of framework imports.
 */
package dev.concord.agreement.web;
