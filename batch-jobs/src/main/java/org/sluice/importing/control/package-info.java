/**
 * Where uploaded recipient files are kept and for how long. A plain class without container services.
 */
package org.sluice.importing.control;
