/**
 * Login to the console and the API: the authentication mechanism, identity store, login throttle and security
 * headers. Uses no other feature.
 */
package org.sluice.security;
