/** Commitment transactions; so far the obscured commitment number in lock time and sequence. */
package org.flowcoin.channels.commitment;
