package org.herald.simulator;

import java.io.IOException;

/** Command-line entry point of {@code provider-simulator.jar}. */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
            System.out.println(SimulatorConfig.USAGE);
            return;
        }
        SimulatorConfig config;
        try {
            config = SimulatorConfig.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("provider-simulator: " + e.getMessage());
            System.err.println(SimulatorConfig.USAGE);
            System.exit(2);
            return;
        }

        ProviderSimulator simulator;
        try {
            simulator = ProviderSimulator.start(config);
        } catch (IOException e) {
            System.err.println("provider-simulator: cannot listen on 127.0.0.1:" + config.port()
                    + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "sim-shutdown"));
        System.out.println("provider-simulator listening on http://127.0.0.1:" + simulator.port());
        System.out.flush();
    }
}
