package org.sluice.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.batch.runtime.BatchStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Format;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.sluice.campaign.entity.CampaignStatus;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The console's texts: both bundles hold the same keys with real values and matching MessageFormat arguments, every
 * key the pages and beans use exists, and no page carries human text of its own (it would stay English in Korean).
 */
class ConsoleMessagesTest {

    private static final Path BUNDLES = Path.of("src/main/resources/org/sluice/console");
    private static final Path WEBAPP = Path.of("src/main/webapp");
    private static final Path BEANS = Path.of("src/main/java/org/sluice");

    /** A MessageFormat argument: {0}, {1,number,integer}. Other braces ({startRecord}) are PrimeFaces' own. */
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");

    /** EL expressions: whatever they print comes from the bundle or is data. */
    private static final Pattern EL = Pattern.compile("[#$]\\{[^}]*}");

    /** Attributes a reader sees or hears. */
    private static final Set<String> HUMAN_ATTRIBUTES = Set.of(
            "value",
            "title",
            "header",
            "headerText",
            "label",
            "itemLabel",
            "placeholder",
            "ariaLabel",
            "aria-label",
            "aria-valuetext",
            "alt",
            "message",
            "emptyMessage",
            "requiredMessage",
            "invalidFileMessage",
            "currentPageReportTemplate");

    /**
     * Text that stays as it is in every language: inside code (the CSV column names a file must have), and the
     * style sheet of the login page.
     */
    private static final Set<String> UNTRANSLATED_ELEMENTS = Set.of("code", "style", "script");

    private static Properties bundle(String file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(BUNDLES.resolve(file), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }

    @Test
    void englishAndKoreanHaveTheSameKeysAndNoEmptyText() throws IOException {
        Properties english = bundle("messages.properties");
        Properties korean = bundle("messages_ko.properties");
        assertEquals(new TreeSet<>(english.stringPropertyNames()), new TreeSet<>(korean.stringPropertyNames()));
        for (Properties language : List.of(english, korean)) {
            for (String key : language.stringPropertyNames()) {
                assertFalse(language.getProperty(key).isBlank(), key + " is empty");
            }
        }
    }

    @Test
    void koreanIsKorean() throws IOException {
        // A key copied without translating would pass the key check: most Korean texts hold Hangul.
        Properties korean = bundle("messages_ko.properties");
        long hangul = korean.stringPropertyNames().stream()
                .filter(k -> korean.getProperty(k)
                        .codePoints()
                        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL))
                .count();
        assertTrue(hangul > korean.size() * 0.85, hangul + " of " + korean.size() + " Korean texts hold Hangul");
    }

    @Test
    void parameterisedTextsParseAndTakeTheSameArgumentsInBothLanguages() throws IOException {
        Properties english = bundle("messages.properties");
        Properties korean = bundle("messages_ko.properties");
        for (String key : english.stringPropertyNames()) {
            String en = english.getProperty(key);
            String ko = korean.getProperty(key);
            boolean pattern =
                    ARGUMENT.matcher(en).find() || ARGUMENT.matcher(ko).find();
            if (!pattern) {
                // Shown as it is: a doubled quote would show doubled.
                assertFalse(en.contains("''") || ko.contains("''"), key + " has no arguments but a doubled quote");
                continue;
            }
            MessageFormat enFormat = new MessageFormat(en, Locale.ENGLISH);
            MessageFormat koFormat = new MessageFormat(ko, Locale.KOREAN);
            assertEquals(arguments(enFormat), arguments(koFormat), key + ": the same arguments");
            assertEquals(kinds(enFormat), kinds(koFormat), key + ": the same kinds of arguments");
            // A single quote in a pattern starts a quoted part and would swallow an argument: both must still have
            // every argument their text shows.
            assertEquals(arguments(enFormat).size(), count(ARGUMENT.matcher(en)), key + ": an argument quoted away");
        }
    }

    @Test
    void everyCampaignAndJobStateHasWordsInBothLanguages() throws IOException {
        // Pages show text.status(code) and text.batchStatus(code): keys no page names literally. WAITING_FOR_WINDOW
        // is listed ahead of the enum (a campaign waiting for its sending window).
        Set<String> keys = new TreeSet<>(Set.of("status.WAITING_FOR_WINDOW"));
        for (CampaignStatus status : CampaignStatus.values()) {
            keys.add("status." + status.name());
        }
        for (BatchStatus status : BatchStatus.values()) {
            keys.add("batch." + status.name());
        }
        for (String file : List.of("messages.properties", "messages_ko.properties")) {
            Properties language = bundle(file);
            for (String key : keys) {
                assertTrue(language.containsKey(key), file + " has no " + key);
            }
        }
        assertEquals("Waiting for MTA", ConsoleText.message(Locale.ENGLISH, "status.WAITING_FOR_MTA"));
        assertEquals("발송 시간대 대기 중", ConsoleText.message(Locale.KOREAN, "status.WAITING_FOR_WINDOW"));
        assertEquals("완료", ConsoleText.message(Locale.KOREAN, "batch.COMPLETED"));
        assertEquals("Running", ConsoleText.named(Locale.ENGLISH, "batch.", BatchStatus.STARTED));
        // A state without words yet shows its code rather than failing the page.
        assertEquals("PAUSED_BY_SOMEONE", ConsoleText.named(Locale.KOREAN, "status.", "PAUSED_BY_SOMEONE"));
        assertEquals("", ConsoleText.named(Locale.KOREAN, "status.", null));
    }

    @Test
    void numbersInMessagesAreWrittenAsTheLanguageWritesThem() {
        assertEquals(
                "Rejected rows (12,345)",
                new MessageFormat("Rejected rows ({0,number,integer})", Locale.ENGLISH).format(new Object[] {12345}));
    }

    @Test
    void everyKeyThePagesAndBeansUseExists() throws IOException {
        Properties english = bundle("messages.properties");
        Pattern pageKey = Pattern.compile("msg\\['([^']+)'\\]|text\\.format\\d?\\('([^']+)'");
        Pattern beanKey =
                Pattern.compile("(?:Feedback\\.(?:info|error)|ConsoleText\\.message|\\berror)\\(\\s*\"([^\"]*)\"");
        List<String> missing = new ArrayList<>();
        int used = 0;
        for (Path page : pages()) {
            Matcher m = pageKey.matcher(Files.readString(page));
            while (m.find()) {
                used++;
                String key = m.group(1) != null ? m.group(1) : m.group(2);
                if (!english.containsKey(key)) {
                    missing.add(page.getFileName() + ": " + key);
                }
            }
        }
        for (Path bean : beans()) {
            Matcher m = beanKey.matcher(Files.readString(bean));
            while (m.find()) {
                used++;
                if (!english.containsKey(m.group(1))) {
                    missing.add(bean.getFileName() + ": \"" + m.group(1) + "\" is not a key");
                }
            }
        }
        assertTrue(used > 200, used + " uses found: the patterns no longer match the sources");
        assertEquals(List.of(), missing);
    }

    @Test
    void everyTextTheServicesRefuseWithExists() throws IOException {
        // The services name console texts (RequestRefusedException#localized) in modules the bundle is not in: a
        // misspelt key would quietly fall back to English. Keys built from a prefix are listed with their endings.
        Properties english = bundle("messages.properties");
        // .localized("key", ...), and new InvalidValueException(message, "key", ...) with its key after the message.
        Pattern localized = Pattern.compile("\\.localized\\(\\s*\"([^\"]+)\"|\"(refusal\\.[A-Za-z.]*[A-Za-z])\"");
        List<String> missing = new ArrayList<>();
        int used = 0;
        for (Path module : List.of(Path.of("../ejb/src/main/java"), Path.of("../batch-jobs/src/main/java"))) {
            List<Path> sources;
            try (Stream<Path> files = Files.walk(module)) {
                sources = files.filter(p -> p.toString().endsWith(".java")).toList();
            }
            for (Path source : sources) {
                Matcher m = localized.matcher(Files.readString(source));
                while (m.find()) {
                    used++;
                    String key = m.group(1) != null ? m.group(1) : m.group(2);
                    if (!english.containsKey(key)) {
                        missing.add(source.getFileName() + ": " + key);
                    }
                }
            }
        }
        for (String address : List.of("refusal.campaign.from.", "refusal.campaign.replyTo.")) {
            for (String problem : List.of("empty", "controlCharacter", "tooLong", "invalid")) {
                if (!english.containsKey(address + problem)) {
                    missing.add(address + problem);
                }
            }
        }
        for (String time : List.of("refusal.window.from.", "refusal.window.until.")) {
            for (String problem : List.of("missing", "invalid")) {
                if (!english.containsKey(time + problem)) {
                    missing.add(time + problem);
                }
            }
        }
        assertTrue(used > 25, used + " refusals with a text found: the pattern no longer matches the sources");
        assertEquals(List.of(), missing);
    }

    @Test
    void noPageHasHumanTextOfItsOwn() throws Exception {
        TreeMap<String, List<String>> found = new TreeMap<>();
        for (Path page : pages()) {
            List<String> texts = new ArrayList<>();
            collect(parse(page).getDocumentElement(), texts);
            if (!texts.isEmpty()) {
                found.put(WEBAPP.relativize(page).toString(), texts);
            }
        }
        assertEquals(
                new TreeMap<>(), found, "hard-coded text; put it in messages.properties and messages_ko.properties");
    }

    @Test
    void thePagesDeclareTheLanguageTheyAreShownIn() throws IOException {
        for (Path page : List.of(WEBAPP.resolve("login.xhtml"), WEBAPP.resolve("WEB-INF/templates/console.xhtml"))) {
            String source = Files.readString(page);
            assertTrue(
                    source.contains("lang=\"#{view.locale.toLanguageTag()}\""),
                    page + ": <html lang> follows the locale");
            assertTrue(source.contains("locale=\"#{language.locale}\""), page + ": f:view takes the chosen language");
            assertTrue(source.contains("/WEB-INF/includes/language.xhtml"), page + ": has the language switch");
        }
        for (Path page : pages()) {
            String source = Files.readString(page);
            if (!page.getFileName().toString().equals("login.xhtml")
                    && page.getParent().equals(WEBAPP)) {
                assertTrue(
                        source.contains("template=\"/WEB-INF/templates/console.xhtml\""), page + ": uses the template");
            }
        }
    }

    /** Text nodes and human attributes of {@code element} and below that still have letters once EL is removed. */
    private static void collect(Element element, List<String> found) {
        String name = element.getLocalName();
        if (UNTRANSLATED_ELEMENTS.contains(name)) {
            return;
        }
        boolean facesCore = "jakarta.faces.core".equals(element.getNamespaceURI());
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            String attributeName = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
            // f:param, f:viewParam, f:passThroughAttribute: their value is a parameter or an HTML token, not text.
            if (HUMAN_ATTRIBUTES.contains(attributeName)
                    && !(facesCore && attributeName.equals("value"))
                    && hasLetters(attribute.getValue())) {
                found.add("<" + element.getTagName() + " " + attributeName + "=\"" + attribute.getValue() + "\">");
            }
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                collect(e, found);
            } else if (child.getNodeType() == Node.TEXT_NODE && hasLetters(child.getNodeValue())) {
                found.add(
                        "<" + element.getTagName() + ">" + child.getNodeValue().strip());
            }
        }
    }

    private static boolean hasLetters(String text) {
        return EL.matcher(text).replaceAll("").codePoints().anyMatch(Character::isLetter);
    }

    private static Document parse(Path page) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        try (InputStream in = Files.newInputStream(page)) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.walk(WEBAPP)) {
            List<Path> pages =
                    files.filter(p -> p.toString().endsWith(".xhtml")).sorted().toList();
            assertTrue(pages.size() >= 12, "pages found: " + pages);
            return pages;
        }
    }

    private static List<Path> beans() throws IOException {
        try (Stream<Path> files = Files.walk(BEANS)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static Set<Integer> arguments(MessageFormat format) {
        Set<Integer> indices = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(format.toPattern());
        while (m.find()) {
            indices.add(Integer.valueOf(m.group(1)));
        }
        return indices;
    }

    private static List<String> kinds(MessageFormat format) {
        List<String> kinds = new ArrayList<>();
        for (Format f : format.getFormatsByArgumentIndex()) {
            kinds.add(f == null ? "text" : f.getClass().getSimpleName());
        }
        return kinds;
    }

    private static int count(Matcher m) {
        Set<String> seen = new TreeSet<>();
        while (m.find()) {
            seen.add(m.group(1));
        }
        return seen.size();
    }
}
