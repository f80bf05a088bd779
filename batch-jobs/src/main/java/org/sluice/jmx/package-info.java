/**
 * The MBeans operators use (campaigns and MTAs) and their registration. Uses campaign, load, mta and sending.
 */
package org.sluice.jmx;
