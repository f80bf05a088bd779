package org.sluice.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's reference table against the whole tree (read from the sources beside this module): every
 * setting the code and the WildFly CLI scripts use is in the table, where it says, with the default the code has; every
 * setting in the table is used; every name follows the scheme; renamed settings are listed under "Former names" exactly
 * as the code honours them, and their former names appear nowhere else in the docs.
 */
class ReferenceTableTest {

    private static final Path ROOT = Path.of("..");
    private static final Path DOC = ROOT.resolve("docs/configuration.md");
    private static final Pattern SCHEME = Pattern.compile("sluice\\.[a-z0-9]+(-[a-z0-9]+)*\\.[a-z0-9]+(-[a-z0-9]+)*");
    /** Deployed modules read every setting through a {@code Setting.of("name"[, "default"])}. */
    private static final Pattern SETTING =
            Pattern.compile("Setting\\.of\\(\\s*\"([^\"]+)\"\\s*(?:,\\s*\"((?:[^\"\\\\]|\\\\.)*)\")?\\s*\\)");
    /** The probe declares a renamed setting as {@code Setting.of("new"...).formerly("old")}. */
    private static final Pattern FORMERLY =
            Pattern.compile("Setting\\.of\\(\\s*\"([^\"]+)\"[^;]*?\\.formerly\\(\\s*\"([^\"]+)\"\\s*\\)");
    /** How the build's own programs read a system property. */
    private static final Pattern PLAIN_READ = Pattern.compile(
            "(System\\.getProperty|Integer\\.getInteger|Long\\.getLong|Boolean\\.getBoolean|path)\\(\\s*\"(sluice\\.[^\"]+)\"");

    private static final Pattern DIRECT_READ =
            Pattern.compile("(getProperty|getInteger|getLong|getBoolean|getOptionalValue|getValue)\\(\\s*\"sluice\\.");
    private static final Pattern NAME_LITERAL = Pattern.compile("\"(sluice\\.[a-z0-9-]+\\.[a-zA-Z0-9-]+)[\"=]");
    private static final Pattern FLAG = Pattern.compile("-Dsluice\\.([A-Za-z0-9.-]*[A-Za-z0-9])");

    private static Map<String, Row> table;
    private static Map<String, String> formerNamesInDoc;
    private static final List<Use> uses = new ArrayList<>();
    /** Renames the code honours: former name to new name. */
    private static final Map<String, String> honoured = new HashMap<>(RenamedSettings.all());

    record Row(String name, String defaultCell, Set<String> where) {}

    /** A setting used by the code or a script: where it was found, its label in the "where" column, its default. */
    record Use(String name, String where, String defaultValue, String foundIn) {}

    @BeforeAll
    static void readTheTreeAndTheTable() throws IOException {
        assertTrue(Files.isRegularFile(DOC), DOC.toAbsolutePath() + " not found");
        readTable(Files.readAllLines(DOC));
        for (String module : List.of("ejb", "batch-jobs", "web", "probe-war")) {
            String where = module.equals("probe-war") ? "probe" : module;
            for (Path file : javaFiles(ROOT.resolve(module).resolve("src/main/java"))) {
                String source = Files.readString(file);
                Matcher m = SETTING.matcher(source);
                while (m.find()) {
                    uses.add(new Use(m.group(1), where, m.group(2), file.toString()));
                }
                Matcher f = FORMERLY.matcher(source);
                while (f.find()) {
                    honoured.put(f.group(2), f.group(1));
                }
                Matcher direct = DIRECT_READ.matcher(source);
                assertTrue(
                        !direct.find(),
                        file + " reads a sluice.* setting directly: declare a Setting and read it through that");
            }
        }
        for (Path script : scripts(ROOT.resolve("server/wildfly"))) {
            readExpressions(Files.readString(script), "server CLI", script.toString());
        }
        for (Path script : scripts(ROOT.resolve("probe-war/wildfly"))) {
            readExpressions(Files.readString(script), "probe CLI", script.toString());
        }
        readPlainProgram(ROOT.resolve("demo/src/main/java"), "demo");
        readPlainProgram(ROOT.resolve("bench/src/main/java"), "bench");
        readPlainProgram(ROOT.resolve("integration-tests/src/test/java"), "tests");
        Path arquillian = ROOT.resolve("integration-tests/src/test/resources/arquillian.xml");
        Matcher m = Pattern.compile("\\$\\{(sluice\\.[^}:]+)}").matcher(Files.readString(arquillian));
        while (m.find()) {
            uses.add(new Use(m.group(1), "tests", null, arquillian.toString()));
        }
        assertTrue(uses.size() > 50, "too few settings found in the sources: " + uses.size());
    }

    @Test
    void everySettingUsedIsInTheTableWhereItIsReadWithTheCodesDefault() {
        List<String> problems = new ArrayList<>();
        for (Use use : uses) {
            String name = honoured.getOrDefault(use.name(), use.name());
            Row row = table.get(name);
            if (row == null) {
                problems.add(DOC + " lacks " + name + " (" + use.where() + ", " + use.foundIn() + ")");
                continue;
            }
            if (use.where() != null && !row.where().contains(use.where())) {
                problems.add(name + ": 'where' says " + row.where() + " but " + use.where() + " reads it ("
                        + use.foundIn() + ")");
            }
            if (use.defaultValue() != null && !row.defaultCell().contains("`" + use.defaultValue() + "`")) {
                problems.add(name + ": the table's default is " + row.defaultCell() + ", the code's `"
                        + use.defaultValue() + "` (" + use.foundIn() + ")");
            }
            boolean declaredWithoutDefault = use.defaultValue() == null
                    && use.where() != null
                    && !List.of("demo", "bench", "tests").contains(use.where());
            if (declaredWithoutDefault && row.defaultCell().startsWith("`")) {
                problems.add(name + ": the table gives the default " + row.defaultCell() + ", the code has none ("
                        + use.foundIn() + "): describe what unset means");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everySettingInTheTableIsUsed() {
        Set<String> used = uses.stream()
                .map(u -> honoured.getOrDefault(u.name(), u.name()))
                .collect(Collectors.toSet());
        Set<String> unused = new TreeSet<>(table.keySet());
        unused.removeAll(used);
        assertEquals(Set.of(), unused, "listed in " + DOC + " but read by nothing");
    }

    @Test
    void everySettingFollowsTheNamingScheme() {
        Set<String> names = new TreeSet<>(table.keySet());
        uses.forEach(u -> names.add(u.name()));
        names.removeAll(honoured.keySet());
        assertEquals(
                Set.of(),
                names.stream().filter(n -> !SCHEME.matcher(n).matches()).collect(Collectors.toSet()),
                "not sluice.<feature>.<name> in kebab-case");
    }

    @Test
    void theFormerNamesTableListsExactlyTheRenamesTheServerAndTheProbeHonour() {
        Set<String> inCode = honoured.entrySet().stream()
                .map(e -> e.getKey() + " -> " + e.getValue())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> newNamesReadByDeployments = uses.stream()
                .filter(u ->
                        u.where() != null && !List.of("demo", "bench", "tests").contains(u.where()))
                .map(u -> honoured.getOrDefault(u.name(), u.name()))
                .collect(Collectors.toSet());
        Set<String> inDoc = formerNamesInDoc.entrySet().stream()
                .filter(e -> newNamesReadByDeployments.contains(e.getValue()))
                .map(e -> e.getKey() + " -> " + e.getValue())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(inCode, inDoc, "renames of server and probe settings: code vs " + DOC);
        formerNamesInDoc.forEach((former, current) ->
                assertTrue(table.containsKey(current), former + " was renamed " + current + ", which the table lacks"));
    }

    @Test
    void formerNamesAppearNowhereElseInTheDocsNorInBuildFlags() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        files.addAll(filesUnder(ROOT.resolve("docs"), ".md"));
        for (String module :
                List.of("ejb", "batch-jobs", "web", "probe-war", "demo", "bench", "integration-tests", "ear")) {
            files.add(ROOT.resolve(module).resolve("pom.xml"));
        }
        files.add(ROOT.resolve("integration-tests/src/test/resources/arquillian.xml"));
        files.addAll(scripts(ROOT.resolve("probe-war/wildfly")));
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file);
            if (file.normalize().equals(DOC.normalize())) {
                text = text.substring(0, text.indexOf("## Former names"));
            }
            for (String former : formerNamesInDoc.keySet()) {
                if (former.indexOf('.') == former.lastIndexOf('.')) {
                    continue; // sluice.ear: also the EAR's file name
                }
                if (Pattern.compile("(?<![\\w.-])" + Pattern.quote(former) + "(?![\\w-])")
                        .matcher(text)
                        .find()) {
                    problems.add(file + " names " + former + ": it was renamed " + formerNamesInDoc.get(former));
                }
            }
            Matcher flag = FLAG.matcher(text);
            while (flag.find()) {
                String name = "sluice." + flag.group(1);
                if (!table.containsKey(name)) {
                    problems.add(file + " sets -D" + name + ", which is not a setting in " + DOC);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    private static void readTable(List<String> lines) {
        table = new LinkedHashMap<>();
        formerNamesInDoc = new LinkedHashMap<>();
        String section = "";
        Pattern code = Pattern.compile("`(sluice\\.[^`<]+)`");
        for (String line : lines) {
            if (line.startsWith("## ")) {
                section = line.substring(3).strip();
            } else if (line.startsWith("| `sluice.") && section.equals("Reference")) {
                String[] cells = line.substring(1, line.length() - 1).split("\\|");
                String name = cells[0].strip().replace("`", "");
                Set<String> where = Stream.of(cells[2].split(","))
                        .map(String::strip)
                        .collect(Collectors.toCollection(LinkedHashSet::new));
                Row previous = table.put(name, new Row(name, cells[1].strip(), where));
                assertTrue(previous == null, name + " is twice in the table");
            } else if (line.startsWith("| `sluice.") && section.equals("Former names")) {
                String[] cells = line.substring(1, line.length() - 1).split("\\|");
                Matcher current = code.matcher(cells[1]);
                if (!current.find()) {
                    continue; // a pattern such as sluice.it.<user>-user
                }
                Matcher former = code.matcher(cells[0]);
                while (former.find()) {
                    formerNamesInDoc.put(former.group(1), current.group(1));
                }
            }
        }
        assertTrue(table.size() > 50, "the reference table was not found in " + DOC);
    }

    /**
     * {@code ${name:default}} expressions, possibly {@code ${name:${formerName:default}}}, possibly nested in another
     * default ({@code ${jboss.server.data.dir}} stays text).
     */
    private static void readExpressions(String script, String where, String file) {
        int at = 0;
        while ((at = script.indexOf("${sluice.", at)) >= 0) {
            int end = closing(script, at);
            String body = script.substring(at + 2, end);
            readExpression(body, where, file);
            at = end;
        }
    }

    private static void readExpression(String body, String where, String file) {
        int colon = body.indexOf(':');
        String names = colon < 0 ? body : body.substring(0, colon);
        String defaultValue = colon < 0 ? null : body.substring(colon + 1);
        while (defaultValue != null && defaultValue.startsWith("${sluice.") && defaultValue.endsWith("}")) {
            // ${new:${former:default}} (or ${host2:${host}}): the inner name is read too, with the inner default.
            String inner = defaultValue.substring(2, defaultValue.length() - 1);
            int innerColon = inner.indexOf(':');
            defaultValue = innerColon < 0 ? null : inner.substring(innerColon + 1);
            boolean nestedAgain = defaultValue != null && defaultValue.startsWith("${sluice.");
            uses.add(new Use(
                    innerColon < 0 ? inner : inner.substring(0, innerColon),
                    where,
                    nestedAgain ? null : defaultValue,
                    file));
        }
        for (String name : names.split(",")) {
            uses.add(new Use(name.strip(), where, defaultValue, file));
        }
    }

    private static int closing(String text, int start) {
        int depth = 0;
        for (int i = start; i < text.length(); i++) {
            if (text.startsWith("${", i)) {
                depth++;
                i++;
            } else if (text.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unclosed expression at " + text.substring(start));
    }

    /** Reads (with their defaults) and other names (passed on to a server) in a program's sources. */
    private static void readPlainProgram(Path sources, String where) throws IOException {
        for (Path file : javaFiles(sources)) {
            String source = Files.readString(file);
            Matcher read = PLAIN_READ.matcher(source);
            while (read.find()) {
                String argument = secondArgument(source, read.end());
                uses.add(new Use(read.group(2), where, plainDefault(read.group(1), argument), file.toString()));
            }
            Matcher literal = NAME_LITERAL.matcher(source);
            while (literal.find()) {
                // Named here, e.g. a server setting given to the WildFly a test or benchmark starts: it must exist.
                uses.add(new Use(literal.group(1), null, null, file.toString()));
            }
        }
    }

    /** The text of a call's second argument, from just after its first (a string literal), or null. */
    private static String secondArgument(String source, int afterFirst) {
        int i = afterFirst;
        while (Character.isWhitespace(source.charAt(i))) {
            i++;
        }
        if (source.charAt(i) != ',') {
            return null;
        }
        int depth = 0;
        StringBuilder argument = new StringBuilder();
        for (i++; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth-- == 0) {
                break;
            }
            argument.append(c);
        }
        return argument.toString().strip();
    }

    /** A literal default as an admin would write it; null when computed. */
    private static String plainDefault(String method, String argument) {
        if (argument == null) {
            return method.equals("Boolean.getBoolean") ? "false" : null;
        }
        if (argument.matches("\"[^\"]*\"")) {
            return argument.substring(1, argument.length() - 1);
        }
        if (argument.matches("-?[0-9_]+L?")) {
            return argument.replace("_", "").replace("L", "");
        }
        return null;
    }

    private static List<Path> javaFiles(Path dir) {
        return filesUnder(dir, ".java");
    }

    /** The CLI scripts of a wildfly/ folder, whatever their names. */
    private static List<Path> scripts(Path dir) {
        List<Path> scripts = filesUnder(dir, ".cli");
        assertTrue(!scripts.isEmpty(), "no CLI scripts in " + dir);
        return scripts;
    }

    private static List<Path> filesUnder(Path dir, String suffix) {
        assertTrue(Files.isDirectory(dir), dir.toAbsolutePath() + " not found");
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(suffix)).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
