/**
 * Taking back what was imported: a project, or some of its examples, with everything that hangs
 * on them (labels, leases, reviews, queue rows, through the schema's cascades) and the media no
 * example refers to any more. Released dataset versions keep their files: they were written at
 * release and never read from the examples again, so they stay byte-identical.
 */
package dev.concord.removal;
