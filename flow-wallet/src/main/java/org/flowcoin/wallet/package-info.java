/**
 * HD wallets with mandatory recovery policies.
 */
package org.flowcoin.wallet;
