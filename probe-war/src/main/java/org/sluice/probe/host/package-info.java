/**
 * Reading the host's load figures. Uses no other probe package.
 */
package org.sluice.probe.host;
