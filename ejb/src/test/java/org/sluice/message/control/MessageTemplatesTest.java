package org.sluice.message.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageTemplatesTest {

    private static final Set<String> FIELDS = Set.of("first_name", "city");

    @Test
    void rendersEachPartWithTheRecipientsValues() throws Exception {
        MessageTemplates templates = MessageTemplates.compile(
                "Hello {{first_name}}", "Dear {{first_name}} in {{city}} <{{email}}>", "<p>Dear {{name}}</p>", FIELDS);
        Map<String, String> values =
                Map.of("first_name", "Alice", "city", "Oxford", "email", "alice@example.org", "name", "Alice Liddell");

        assertAll(
                () -> assertEquals("Hello Alice", templates.subject(values)),
                () -> assertEquals("Dear Alice in Oxford <alice@example.org>", templates.text(values)),
                () -> assertEquals("<p>Dear Alice Liddell</p>", templates.html(values)));
    }

    @Test
    void htmlPartEscapesMergeValuesButSubjectAndTextDoNot() throws Exception {
        MessageTemplates templates =
                MessageTemplates.compile("Hi {{first_name}}", "Hi {{first_name}}", "<p>Hi {{first_name}}</p>", FIELDS);
        Map<String, String> values = Map.of("first_name", "<b>Tom & \"Jerry\"</b>");

        assertAll(
                () -> assertEquals("Hi <b>Tom & \"Jerry\"</b>", templates.subject(values)),
                () -> assertEquals("Hi <b>Tom & \"Jerry\"</b>", templates.text(values)),
                () -> assertEquals("<p>Hi &lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;</p>", templates.html(values)));
    }

    @Test
    void missingValueRendersAsEmpty() throws Exception {
        MessageTemplates templates = MessageTemplates.compile("Hi {{first_name}}!", "x", null, FIELDS);

        assertEquals("Hi !", templates.subject(Map.of()));
    }

    @Test
    void sectionsOverKnownFieldsAreAllowed() throws Exception {
        MessageTemplates templates = MessageTemplates.compile(
                "Hi{{#city}} from {{city}}{{/city}}{{^first_name}}!{{/first_name}}", "x", null, FIELDS);

        assertEquals("Hi from Oslo!", templates.subject(Map.of("city", "Oslo")));
    }

    @Test
    void builtInFieldsAreAlwaysKnown() {
        assertDoesNotThrow(() -> MessageTemplates.compile("{{name}}", "{{email}}", "{{name}} {{email}}", Set.of()));
    }

    @Test
    void unknownFieldIsReportedByNameAndTemplateWithTheKnownFields() {
        InvalidTemplateException e = assertThrows(
                InvalidTemplateException.class,
                () -> MessageTemplates.compile("Hi {{first_name}}", "Dear {{frist_name}}", null, FIELDS));

        assertEquals(
                List.of("text template uses unknown field frist_name (known: city, email, first_name, name)"),
                e.problems());
    }

    @Test
    void everyTemplateWithUnknownFieldsIsReported() {
        InvalidTemplateException e = assertThrows(
                InvalidTemplateException.class,
                () -> MessageTemplates.compile(
                        "Hi {{nick}}", "{{zip}} {{age}} {{zip}}", "<p>{{#vip}}VIP{{/vip}}</p>", FIELDS));

        assertEquals(
                List.of(
                        "subject uses unknown field nick (known: city, email, first_name, name)",
                        "text template uses unknown fields age, zip (known: city, email, first_name, name)",
                        "HTML template uses unknown field vip (known: city, email, first_name, name)"),
                e.problems());
        assertEquals(String.join("; ", e.problems()), e.getMessage());
    }

    @Test
    void unknownFieldInsideASectionIsReported() {
        InvalidTemplateException e = assertThrows(
                InvalidTemplateException.class,
                () -> MessageTemplates.compile("Hi", "{{#city}}{{postcode}}{{/city}}", null, FIELDS));

        assertEquals(
                List.of("text template uses unknown field postcode (known: city, email, first_name, name)"),
                e.problems());
    }

    @Test
    void templateThatDoesNotParseIsReportedWithTheParserMessage() {
        InvalidTemplateException e = assertThrows(
                InvalidTemplateException.class,
                () -> MessageTemplates.compile("Hi", "{{#city}}no end", "<p>{{#city}}{{/first_name}}</p>", FIELDS));

        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(
                e.problems().get(0).startsWith("text template does not parse: "),
                e.problems().get(0));
        assertTrue(e.problems().get(0).contains("city"), e.problems().get(0));
        assertTrue(
                e.problems().get(1).startsWith("HTML template does not parse: "),
                e.problems().get(1));
    }

    @Test
    void partialsAreRejected() {
        InvalidTemplateException e = assertThrows(
                InvalidTemplateException.class, () -> MessageTemplates.compile("Hi", "Hi\n{{>footer}}", null, FIELDS));

        assertEquals(List.of("text template uses partials, which Sluice does not support: {{>footer}}"), e.problems());
    }

    @Test
    void emptySubjectIsAProblem() {
        InvalidTemplateException e = assertThrows(
                InvalidTemplateException.class, () -> MessageTemplates.compile("  ", "body", null, FIELDS));

        assertEquals(List.of("subject template is empty"), e.problems());
    }

    @Test
    void campaignWithoutAnyBodyIsAProblem() {
        InvalidTemplateException e =
                assertThrows(InvalidTemplateException.class, () -> MessageTemplates.compile("Hi", null, " ", FIELDS));

        assertEquals(List.of("campaign needs a text or an HTML template"), e.problems());
    }

    @Test
    void eitherBodyAloneIsEnough() throws Exception {
        MessageTemplates textOnly = MessageTemplates.compile("Hi", "body", null, FIELDS);
        MessageTemplates htmlOnly = MessageTemplates.compile("Hi", "", "<p>body</p>", FIELDS);

        assertAll(
                () -> assertTrue(textOnly.hasText()),
                () -> assertFalse(textOnly.hasHtml()),
                () -> assertFalse(htmlOnly.hasText()),
                () -> assertTrue(htmlOnly.hasHtml()));
    }

    @Test
    void syntaxCheckAcceptsFieldsNotYetImported() {
        assertDoesNotThrow(
                () -> MessageTemplates.checkSyntax("Hi {{nick}}", "{{#vip}}{{perk}}{{/vip}}", "<p>{{zip}}</p>"));
    }

    @Test
    void syntaxCheckStillRejectsWhatDoesNotParse() {
        InvalidTemplateException e = assertThrows(
                InvalidTemplateException.class, () -> MessageTemplates.checkSyntax("Hi {{#nick}}", "body", null));

        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).startsWith("subject does not parse: "), e.getMessage());
    }

    @Test
    void syntaxCheckStillRejectsPartials() {
        assertThrows(InvalidTemplateException.class, () -> MessageTemplates.checkSyntax("Hi", "{{>footer}}", null));
    }
}
