package org.flowcoin.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The build runs this module's tests on Java 25 and, where a JDK 17 is installed, once more on
 * Java 17 (the jdk17 execution); each run names the release it means to test, so a misconfigured
 * run fails here instead of passing on the wrong runtime.
 */
class JavaRuntimeTest {
    @Test
    void runsOnTheReleaseTheBuildNamed() {
        String expected = System.getProperty("flow.test.expectJavaFeature");
        assertThat(expected).as("flow.test.expectJavaFeature set by the POM").isNotNull();
        assertThat(Runtime.version().feature()).isEqualTo(Integer.parseInt(expected));
    }
}
