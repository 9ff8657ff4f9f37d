/**
 * Encrypted, durable wallet files: Argon2id + AES-256-GCM envelope around a protobuf body,
 * saved atomically (temp file, fsync, rename, fsync of the directory).
 */
package org.flowcoin.wallet.storage;
