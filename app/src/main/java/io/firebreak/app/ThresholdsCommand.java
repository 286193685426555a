package io.firebreak.app;

import io.firebreak.streams.ThresholdCatalog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code firebreak thresholds}: every detection threshold as the rule that uses it declares it, with its
 * default: a {@code detect.thresholds} block for {@code firebreak.yaml}, or ({@code --markdown}) the table
 * that docs/detection.md holds.
 */
@Command(name = "thresholds", mixinStandardHelpOptions = true,
        description = "Prints every detection threshold with its default, valid values and rule: a firebreak.yaml block, or a markdown table.")
final class ThresholdsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--markdown", description = "The table of docs/detection.md instead of a firebreak.yaml block.")
    boolean markdown;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(markdown ? ThresholdCatalog.markdown() : ThresholdCatalog.yaml());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
