package org.maraude.jobs.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Derived data kept between nights under a root folder (in the staging area): each version in a timed folder of its
 * own, complete once its {@code _STATE} file, which says what the data was computed from, exists. The state file is
 * written last and create-exclusive, so a night that died while writing leaves a folder without one, which is
 * ignored; keeping a new version removes the older ones.
 */
public final class KeptState {
    private KeptState() {}

    static final String STATE = "_STATE";

    /** A complete kept version: its folder and what its state file says ({@code parse}d). */
    public record Found<T>(Location dir, T inputs) {}

    /**
     * The newest complete version under {@code root} whose state {@code parse} accepts (it returns null for a state
     * it does not understand: another layout, or a cut file), if any.
     */
    public static <T> Optional<Found<T>> latest(Location root, Function<String, T> parse) {
        try {
            if (!root.isDirectory()) {
                return Optional.empty();
            }
            List<Location> found = new ArrayList<>(root.list());
            found.sort(Comparator.comparing(Location::name).reversed());
            for (Location d : found) {
                Location state = d.resolve(STATE);
                T inputs = state.exists() ? parse.apply(state.readString()) : null;
                if (inputs != null) {
                    return Optional.of(new Found<>(d, inputs));
                }
            }
            return Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            org.slf4j.LoggerFactory.getLogger(KeptState.class).warn("ignoring the kept data in {}: {}", root,
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** A state line {@code name<TAB>a,b,c} as its names; null when the line names something else. */
    public static List<String> names(String line, String name) {
        if (!line.startsWith(name + "\t")) {
            return null;
        }
        String v = line.substring(name.length() + 1);
        return v.isEmpty() ? List.of() : List.of(v.split(","));
    }

    /** The state line {@link #names} reads. */
    public static String line(String name, List<String> names) {
        return name + "\t" + String.join(",", names) + "\n";
    }

    /**
     * Writes a new version: {@code write} fills the folder it is given and returns the state to mark it complete
     * with. Then drops every other folder but {@code alsoKeep} (older parts the new state still reads).
     */
    public static Location keep(Location root, Function<Location, String> write, List<Location> alsoKeep) {
        Location dir = root.newTimedFolder();
        String state = write.apply(dir);
        List<Location> keep = new ArrayList<>(alsoKeep);
        keep.add(dir);
        try {
            root.keepOnly(dir.resolve(STATE), state, keep);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep " + dir, e);
        }
        return dir;
    }
}
