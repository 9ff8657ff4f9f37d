/** What every part of the channels module shares: its one checked exception. */
package org.flowcoin.channels;
