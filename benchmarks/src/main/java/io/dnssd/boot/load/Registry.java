package io.dnssd.boot.load;

import java.util.List;

/**
 * Where the harness's calc instances register and the portal finds them: the starter on a
 * local BIND, or a Eureka server as the anchor.
 */
interface Registry extends AutoCloseable {

	/**
	 * Says what this registry is in the report.
	 * @return a short description with its freshness settings
	 */
	String description();

	/**
	 * The command that starts one application against this registry.
	 * @param app the application
	 * @param arguments its own arguments (port, scenario settings)
	 * @return the command
	 */
	List<String> command(App app, List<String> arguments);

	/**
	 * Whether the registry holds the calc instance on a port as up, registered by the
	 * process started at a moment (not an earlier one on the same port).
	 * @param port the instance's port
	 * @param startedAt when the process started, in epoch milliseconds
	 * @return whether it is registered
	 * @throws Exception if the registry cannot be read
	 */
	boolean registered(int port, long startedAt) throws Exception;

	/**
	 * Stops the registry's server for an outage.
	 * @throws Exception if it does not stop
	 */
	void stop() throws Exception;

	/**
	 * Starts the registry's server again after an outage.
	 * @throws Exception if it does not start
	 */
	void restart() throws Exception;

	/**
	 * Stops the registry's server and starts it again holding no instance, as a DNS zone
	 * reloaded from its first file without its journal, or a Eureka server after a
	 * restart (its registry lives in memory).
	 * @throws Exception if it does not start
	 */
	void restartEmptied() throws Exception;

	/**
	 * One of the samples the harness runs.
	 *
	 * @param name the application's name
	 * @param jar its executable jar (the starter's build)
	 * @param classpath its classes and dependencies with the Eureka client added (the
	 * anchor's build), empty where not built
	 * @param mainClass its main class
	 */
	record App(String name, String jar, String classpath, String mainClass) {
	}

}
