/** A channel's durable state: the invariants that must survive any crash. */
package org.flowcoin.channels.store;
