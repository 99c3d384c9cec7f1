package io.dnssd.boot.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Packaged applications a test runs in their own JVMs, each logging to a file. Closing
 * stops every one still alive by its process handle: SIGTERM first, so it deregisters,
 * then a kill if it has not exited within 20 seconds.
 */
public final class AppProcesses implements AutoCloseable {

	private final Path logDirectory;

	private final List<Process> processes = new ArrayList<>();

	/**
	 * Creates an empty set of processes.
	 * @param logDirectory where each process writes {@code <name>.log}
	 */
	public AppProcesses(Path logDirectory) {
		this.logDirectory = logDirectory;
	}

	/**
	 * Starts {@code java -jar jar <arguments>} with this JVM's java.
	 * @param name the name of the log file
	 * @param jar the executable jar
	 * @param arguments the application's arguments
	 * @return the started process
	 * @throws IOException if it cannot start
	 */
	public Process start(String name, String jar, String... arguments) throws IOException {
		return start(name, List.of(), jar, arguments);
	}

	/**
	 * Starts {@code java <jvmOptions> -jar jar <arguments>} with this JVM's java.
	 * @param name the name of the log file
	 * @param jvmOptions options for the JVM, such as system properties
	 * @param jar the executable jar
	 * @param arguments the application's arguments
	 * @return the started process
	 * @throws IOException if it cannot start
	 */
	public Process start(String name, List<String> jvmOptions, String jar, String... arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar);
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log(name).toFile())
			.start();
		this.processes.add(process);
		return process;
	}

	/**
	 * Returns the log file of a process.
	 * @param name the name it was started with
	 * @return its log file
	 */
	public Path log(String name) {
		return this.logDirectory.resolve(name + ".log");
	}

	/**
	 * Returns a TCP port on the loopback address that was free a moment ago.
	 * @return the port
	 * @throws IOException if no port can be bound
	 */
	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() throws InterruptedException {
		for (Process process : this.processes) {
			process.destroy();
		}
		for (Process process : this.processes) {
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

}
