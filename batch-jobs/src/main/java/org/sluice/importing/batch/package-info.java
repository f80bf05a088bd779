/**
 * The import jobs' batch artifacts: readers of CSV and query rows, the writer that stores them, the file check and
 * cleanup. Use this feature's control package and the domain's boundaries.
 */
package org.sluice.importing.batch;
