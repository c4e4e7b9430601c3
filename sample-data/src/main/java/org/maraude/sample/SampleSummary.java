package org.maraude.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one generation wrote.
 *
 * @param files          every file written to the inbox (absolute paths, in writing order)
 * @param truthFiles     every ground-truth file written
 * @param rowsPerDataset data rows (header excluded, planted quirk rows included) per dataset name
 *                       (the contract's names, plus {@code known_youth} and {@code native})
 * @param youthCount     distinct contacted youth (a youth contacting two projects counts once)
 * @param contactedPairs (project, youth) pairs with a first contact
 * @param quirkCount     rows in {@code truth/quirks.csv}
 * @param elapsed        wall-clock time of the generation
 */
public record SampleSummary(List<Path> files, List<Path> truthFiles, Map<String, Long> rowsPerDataset,
                            long youthCount, long contactedPairs, long quirkCount, Duration elapsed) {
    public SampleSummary {
        files = List.copyOf(files);
        truthFiles = List.copyOf(truthFiles);
        rowsPerDataset = Map.copyOf(rowsPerDataset);
    }
}
