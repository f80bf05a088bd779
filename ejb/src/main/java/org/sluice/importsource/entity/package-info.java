/**
 * A registered import source and a recorded recipient query. Depends on no other Sluice package.
 */
package org.sluice.importsource.entity;
