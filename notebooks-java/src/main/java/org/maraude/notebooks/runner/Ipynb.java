package org.maraude.notebooks.runner;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading and writing Jupyter notebooks (nbformat 4) with Jackson, and building their outputs. */
public final class Ipynb {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Ipynb() {}

    /** Reads a notebook; anything that is not nbformat 4 is refused with the file's name. */
    public static ObjectNode read(Path file) {
        JsonNode n;
        try {
            n = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read notebook " + file + ": " + e.getMessage(), e);
        }
        if (!(n instanceof ObjectNode o) || n.path("nbformat").asInt() != 4 || !n.path("cells").isArray()) {
            throw new IllegalArgumentException(file + " is not a Jupyter notebook in nbformat 4");
        }
        return o;
    }

    /** Writes the notebook as Jupyter does (one-space indent, newline at the end). */
    public static Path write(ObjectNode notebook, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            String text = JSON.writer(new JupyterPrinter()).writeValueAsString(notebook) + "\n";
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write notebook " + file, e);
        }
    }

    /** A string or a list of strings (nbformat's multiline text) as one string. */
    public static String joined(JsonNode text) {
        if (text == null || text.isMissingNode() || text.isNull()) {
            return "";
        }
        if (text.isArray()) {
            StringBuilder b = new StringBuilder();
            text.forEach(l -> b.append(l.asText()));
            return b.toString();
        }
        return text.asText();
    }

    /** nbformat's multiline text: lines keeping their "\n", the last one without. */
    static ArrayNode lines(String text) {
        ArrayNode a = F.arrayNode();
        int from = 0;
        while (from < text.length()) {
            int nl = text.indexOf('\n', from);
            int to = nl < 0 ? text.length() : nl + 1;
            a.add(text.substring(from, to));
            from = to;
        }
        return a;
    }

    static ObjectNode stream(String name, String text) {
        ObjectNode o = F.objectNode();
        o.put("output_type", "stream");
        o.put("name", name);
        o.set("text", lines(text));
        return o;
    }

    static ObjectNode executeResult(int count, String text) {
        ObjectNode o = F.objectNode();
        o.put("output_type", "execute_result");
        o.put("execution_count", count);
        o.putObject("data").set("text/plain", lines(text));
        o.putObject("metadata");
        return o;
    }

    static ObjectNode displayData(String mime, String base64) {
        ObjectNode o = F.objectNode();
        o.put("output_type", "display_data");
        ObjectNode data = o.putObject("data");
        data.put(mime, base64);
        data.set("text/plain", lines("<" + mime + " image>"));
        o.putObject("metadata");
        return o;
    }

    static ObjectNode error(String ename, String evalue, List<String> traceback) {
        ObjectNode o = F.objectNode();
        o.put("output_type", "error");
        o.put("ename", ename);
        o.put("evalue", evalue);
        ArrayNode t = o.putArray("traceback");
        traceback.forEach(t::add);
        return o;
    }

    /** The kernelspec and language of the project's notebooks, for those that lack them. */
    static void setJavaMetadata(ObjectNode nb) {
        ObjectNode meta = nb.withObjectProperty("metadata");
        if (!meta.has("kernelspec")) {
            ObjectNode k = meta.putObject("kernelspec");
            k.put("name", "maraude-java");
            k.put("display_name", "Java (maraude)");
            k.put("language", "java");
        }
        if (!meta.has("language_info")) {
            ObjectNode l = meta.putObject("language_info");
            l.put("name", "java");
            l.put("version", Runtime.version().feature() + "");
            l.put("mimetype", "text/x-java-source");
            l.put("file_extension", ".jshell");
        }
    }

    /** Every code cell without outputs or execution count: how notebooks are committed. */
    public static boolean isClean(ObjectNode nb) {
        for (JsonNode c : nb.path("cells")) {
            if ("code".equals(c.path("cell_type").asText())
                    && (c.path("outputs").size() > 0 || !c.path("execution_count").isNull())) {
                return false;
            }
        }
        return true;
    }

    /** Jupyter's layout: one-space indent, "key": value, and empty arrays and objects as [] and {}. */
    private static final class JupyterPrinter extends DefaultPrettyPrinter {
        JupyterPrinter() {
            super(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
            DefaultIndenter one = new DefaultIndenter(" ", "\n");
            indentObjectsWith(one);
            indentArraysWith(one);
        }

        JupyterPrinter(JupyterPrinter base) {
            super(base);
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new JupyterPrinter(this);
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            if (values == 0) {
                if (!_arrayIndenter.isInline()) {
                    --_nesting;
                }
                g.writeRaw(']');
            } else {
                super.writeEndArray(g, values);
            }
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            if (entries == 0) {
                if (!_objectIndenter.isInline()) {
                    --_nesting;
                }
                g.writeRaw('}');
            } else {
                super.writeEndObject(g, entries);
            }
        }
    }
}
