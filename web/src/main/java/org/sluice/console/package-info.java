/**
 * The PrimeFaces console's views. Uses the boundaries of the domain and the jobs, and refusal; never api or unsubscribe.
 */
package org.sluice.console;
