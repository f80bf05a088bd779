package org.sluice.message.control;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A campaign's subject, text and HTML templates, compiled once (JMustache) and checked against the merge
 * fields the recipients actually have, so a typo in {{frist_name}} stops the campaign before the first
 * message rather than mailing a million people an empty greeting.
 * <p>
 * The HTML part escapes every merge value; the subject and text parts do not (they are not HTML). An HTML template
 * that asks for a value unescaped ({{{field}}}, {{&field}}) is refused: a merge value comes from an uploaded file or
 * a customer database, and unescaped it could put markup or a script into a million mails under the sender's name.
 * Thread-safe once built: JMustache templates may be executed concurrently.
 */
public final class MessageTemplates {

    /** Fields every recipient has, whatever the import brought. */
    public static final Set<String> BUILT_IN_FIELDS = Set.of("email", "name");

    private static final Mustache.Compiler PLAIN =
            Mustache.compiler().escapeHTML(false).defaultValue("");
    private static final Mustache.Compiler HTML =
            Mustache.compiler().escapeHTML(true).defaultValue("");

    /** Largest text or HTML template, in UTF-8 bytes: far above any real newsletter, far below a heap problem. */
    public static final int MAX_BODY_TEMPLATE_BYTES = 1024 * 1024;
    /** Largest subject template, in characters: the column's size (a subject is one header line, RFC 5322 2.1.1). */
    public static final int MAX_SUBJECT_CHARS = 2000;

    /**
     * A JMustache tag that writes its value unescaped ({{{x}}}, {{&x}}, with any blanks after the braces) or changes
     * the delimiters ({{=<% %>=}}), after which unescaped tags could no longer be recognised here.
     */
    private static final Pattern UNESCAPED_OR_NEW_DELIMITERS = Pattern.compile("\\{\\{\\s*[{&=]");

    private final Template subject;
    private final Template text;
    private final Template html;

    private MessageTemplates(Template subject, Template text, Template html) {
        this.subject = subject;
        this.text = text;
        this.html = html;
    }

    /**
     * Compiles and checks the templates.
     *
     * @param knownFields merge fields the campaign's recipients carry (besides {@link #BUILT_IN_FIELDS});
     *                    null to check syntax only
     * @throws InvalidTemplateException listing every template that does not parse, is missing, or uses an
     *                                  unknown field
     */
    public static MessageTemplates compile(String subject, String text, String html, Collection<String> knownFields)
            throws InvalidTemplateException {
        List<String> problems = new ArrayList<>();
        // A template refused for its size or its unescaped tags is not parsed too: one problem each, not a cascade.
        boolean subjectRefused = subject != null && subject.length() > MAX_SUBJECT_CHARS;
        if (subjectRefused) {
            problems.add("subject template has " + subject.length() + " characters: at most " + MAX_SUBJECT_CHARS);
        }
        boolean textRefused = tooLarge("text template", text, problems);
        boolean htmlRefused = tooLarge("HTML template", html, problems) || writesUnescaped(html, problems);
        if (!subjectRefused && (subject == null || subject.isBlank())) {
            problems.add("subject template is empty");
        }
        if (!textRefused && !htmlRefused && (text == null || text.isBlank()) && (html == null || html.isBlank())) {
            problems.add("campaign needs a text or an HTML template");
        }
        Template s = subjectRefused ? null : compileOne("subject", subject, PLAIN, knownFields, problems);
        Template t = textRefused ? null : compileOne("text template", text, PLAIN, knownFields, problems);
        Template h = htmlRefused ? null : compileOne("HTML template", html, HTML, knownFields, problems);
        if (!problems.isEmpty()) {
            throw new InvalidTemplateException(problems);
        }
        return new MessageTemplates(s, t, h);
    }

    private static boolean writesUnescaped(String html, List<String> problems) {
        if (html == null) {
            return false;
        }
        Matcher tag = UNESCAPED_OR_NEW_DELIMITERS.matcher(html);
        if (!tag.find()) {
            return false;
        }
        long line = 1
                + html.substring(0, tag.start()).chars().filter(c -> c == '\n').count();
        String closing = html.startsWith("{{{", tag.start()) ? "}}}" : "}}";
        int close = html.indexOf(closing, tag.start());
        String text = close < 0 ? html.substring(tag.start()) : html.substring(tag.start(), close + closing.length());
        String excerpt = text.lines().findFirst().orElse(text);
        problems.add(
                "HTML template writes a merge value unescaped or changes the tag delimiters on line " + line + ": '"
                        + (excerpt.length() > 40 ? excerpt.substring(0, 40) + "..." : excerpt)
                        + "' (write {{field}}: Sluice escapes every merge value in HTML)");
        return true;
    }

    private static boolean tooLarge(String what, String source, List<String> problems) {
        // A UTF-8 character has at most 3 bytes per UTF-16 char: count exactly only when it may matter.
        if (source == null || (long) source.length() * 3 <= MAX_BODY_TEMPLATE_BYTES) {
            return false;
        }
        int bytes = source.getBytes(StandardCharsets.UTF_8).length;
        if (bytes <= MAX_BODY_TEMPLATE_BYTES) {
            return false;
        }
        problems.add(what + " has " + bytes + " bytes (UTF-8): at most " + MAX_BODY_TEMPLATE_BYTES + " (1 MiB)");
        return true;
    }

    /** Checks that the templates parse, before the merge fields are known (at campaign creation). */
    public static void checkSyntax(String subject, String text, String html) throws InvalidTemplateException {
        compile(subject, text, html, null);
    }

    private static Template compileOne(
            String what,
            String source,
            Mustache.Compiler compiler,
            Collection<String> knownFields,
            List<String> problems) {
        if (source == null || source.isBlank()) {
            return null;
        }
        Template template;
        try {
            template = compiler.compile(source);
        } catch (MustacheException e) {
            problems.add(what + " does not parse: " + e.getMessage());
            return null;
        }
        Set<String> unknown = new TreeSet<>();
        Set<String> unsupported = new TreeSet<>();
        List<String> unclosed = new ArrayList<>(1);
        template.visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {
                // JMustache prints a tag that never closes as text: the recipient would get "Hi {{name".
                int open = text.indexOf("{{");
                if (open >= 0 && unclosed.isEmpty()) {
                    unclosed.add(text.substring(open));
                }
            }

            @Override
            public void visitVariable(String name) {
                check(name);
            }

            @Override
            public boolean visitInclude(String name) {
                unsupported.add("{{>" + name + "}}");
                return false;
            }

            @Override
            public boolean visitSection(String name) {
                check(name);
                return true;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                check(name);
                return true;
            }

            private void check(String name) {
                if (!name.equals(".")
                        && !name.equals("this")
                        && !BUILT_IN_FIELDS.contains(name)
                        && knownFields != null
                        && !knownFields.contains(name)) {
                    unknown.add(name);
                }
            }
        });
        if (!unclosed.isEmpty()) {
            String tag = unclosed.get(0);
            int at = source.lastIndexOf(tag);
            long line = 1
                    + source.substring(0, Math.max(at, 0))
                            .chars()
                            .filter(c -> c == '\n')
                            .count();
            String excerpt = tag.lines().findFirst().orElse(tag);
            problems.add(what + " has a tag that is never closed on line " + line + ": '"
                    + (excerpt.length() > 40 ? excerpt.substring(0, 40) + "..." : excerpt) + "'");
        }
        if (!unknown.isEmpty()) {
            problems.add(what + " uses unknown field" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                    + " (known: " + String.join(", ", known(knownFields)) + ")");
        }
        if (!unsupported.isEmpty()) {
            problems.add(what + " uses partials, which Sluice does not support: " + String.join(", ", unsupported));
        }
        return template;
    }

    private static Set<String> known(Collection<String> knownFields) {
        Set<String> all = new TreeSet<>(BUILT_IN_FIELDS);
        all.addAll(knownFields);
        return all;
    }

    public String subject(Map<String, String> values) {
        return subject.execute(values);
    }

    public boolean hasText() {
        return text != null;
    }

    public boolean hasHtml() {
        return html != null;
    }

    public String text(Map<String, String> values) {
        return text.execute(values);
    }

    public String html(Map<String, String> values) {
        return html.execute(values);
    }
}
