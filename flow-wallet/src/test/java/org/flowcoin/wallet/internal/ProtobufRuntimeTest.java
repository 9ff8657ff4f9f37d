package org.flowcoin.wallet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProtobufRuntimeTest {
    @Test
    void theBuildsRuntimeIsFoundAndAccepted() {
        assertThat(ProtobufRuntime.found()).containsExactly(ProtobufRuntime.REQUIRED);
        ProtobufRuntime.require();
    }

    @Test
    void versionsCompareByMajorMinorPatch() {
        int[] need = {4, 36, 2};
        assertThat(ProtobufRuntime.atLeast(new int[] {4, 36, 2}, need)).isTrue();
        assertThat(ProtobufRuntime.atLeast(new int[] {4, 36, 3}, need)).isTrue();
        assertThat(ProtobufRuntime.atLeast(new int[] {4, 37, 0}, need)).isTrue();
        assertThat(ProtobufRuntime.atLeast(new int[] {5, 0, 0}, need)).isTrue();
        assertThat(ProtobufRuntime.atLeast(new int[] {4, 36, 1}, need)).isFalse();
        assertThat(ProtobufRuntime.atLeast(new int[] {4, 29, 9}, need)).isFalse();
        assertThat(ProtobufRuntime.atLeast(new int[] {3, 99, 99}, need)).isFalse();
    }
}
