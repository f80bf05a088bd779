/** A registered webhook and the log of attempts to deliver to it. */
package org.sluice.event.entity;
