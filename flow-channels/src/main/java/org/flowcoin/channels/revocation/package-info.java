/**
 * Per-commitment secrets: {@link org.flowcoin.channels.revocation.PerCommitmentSecrets} derives
 * them from a seed, {@link org.flowcoin.channels.revocation.RevealedSecrets} keeps the secrets a
 * counterparty revealed in O(log n) space and checks each one as it arrives. The derivation is
 * BOLT-3's ("shachain", SHA-256), so BOLT-3 Appendix D's vectors hold unchanged; see
 * docs/spec/channels.md, "Revocation secrets".
 */
package org.flowcoin.channels.revocation;
