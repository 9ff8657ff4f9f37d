/** The channel's witness scripts: funding (2-of-2) and {@code to_local} (revocable, delayed). */
package org.flowcoin.channels.script;
