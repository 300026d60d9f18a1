package org.kybern.api.runtime;

/**
 * The outcome of {@link ContainerRuntime#exec}.
 *
 * @param exitCode the command's exit code
 * @param stdout   its standard output
 * @param stderr   its standard error
 * @param timedOut whether it was stopped because it exceeded the timeout
 */
public record ExecResult(int exitCode, String stdout, String stderr, boolean timedOut) {
}
