/** Payment requests after BOLT-11, with Ed25519 signatures and a mandatory payee key. */
package org.flowcoin.channels.invoice;
