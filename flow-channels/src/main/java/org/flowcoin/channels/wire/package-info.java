/** Channel peer messages: codecs that refuse every malformed input with a typed error. */
package org.flowcoin.channels.wire;
