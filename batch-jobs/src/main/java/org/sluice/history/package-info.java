/**
 * The send history the console charts: delivery records counted per interval. Uses delivery, load and mta.
 */
package org.sluice.history;
