/**
 * FlowCoin cryptography: Keccak-256/256d, Ed25519 with consensus verification rules and batch
 * verification, Bech32/Bech32m addresses, SLIP-0010 and BIP-39.
 */
package org.flowcoin.crypto;
