package org.maraude.jobs.cli;

import java.util.concurrent.Callable;
import org.maraude.jobs.spark.Location;
import org.maraude.jobs.warehouse.RunLock;
import org.maraude.jobs.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code maraude rollback}: point readers back at the previous published run. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Make the release published before the current one current again (warehouse and pages).")
final class RollbackCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() {
        Location out = Location.of(options.load().out(), new org.apache.hadoop.conf.Configuration());
        try (RunLock lock = RunLock.acquire(out)) {
            Location now = Warehouse.rollback(out);
            System.out.println("current release is now " + now);
        }
        return Maraude.OK;
    }
}
