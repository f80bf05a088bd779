/**
 * The application's roles, named once for every @RolesAllowed. Depends on nothing.
 */
package org.sluice.security;
